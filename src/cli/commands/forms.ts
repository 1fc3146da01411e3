import type { Command } from 'commander';
import { createForm, type Form, formPublicPath, listForms } from '../../forms/index.js';
import { isoInstant } from '../../shared/time.js';
import type { Workspace } from '../../workspaces/index.js';
import { addCommonOptions, type CommonOptions, runWithContext } from '../context.js';

interface FormCreateOptions extends CommonOptions {
  list?: string;
  consent?: string;
  fields?: string;
  redirect?: string;
  name?: string;
}

function formJson(workspace: Workspace, form: Form) {
  return {
    key: form.key,
    name: form.name,
    list: form.list,
    consent: form.consent,
    fields: form.fields,
    redirect: form.redirect,
    public_path: formPublicPath(workspace.key, form.key),
    created_at: isoInstant(form.createdAt),
  };
}

function describe(workspace: Workspace, form: Form): string {
  const shown = formJson(workspace, form);
  return [
    `${form.key}  (${form.name})`,
    `  posts to  POST ${shown.public_path}`,
    `  fields    ${form.fields.join(', ')} (honeypot: website, leave it empty and hidden)`,
    `  consent   ${form.consent.join(', ')} (given by the contact)`,
    `  list      ${form.list}`,
    ...(form.redirect ? [`  redirect  ${form.redirect}`] : []),
  ].join('\n');
}

const createHelp = `
The form's public endpoint takes application/x-www-form-urlencoded (browsers) or JSON, without
API key. A visitor who submits it gives the --consent categories themselves (actor contact),
joins --list (created when missing) and gets a form.submitted event.

Example:
  $ sift form create newsletter --list newsletter --consent marketing --fields email,first_name \\
      --redirect https://example.com/thanks`;

export function registerFormCommands(program: Command): void {
  const group = program.command('form').description('Website forms (public sign-up endpoints)');
  addCommonOptions(group.command('create <key>'))
    .description('Create a website form')
    .requiredOption('--list <key>', 'the list submitters join (created when missing)')
    .requiredOption('--consent <keys>', 'consent categories the form gives, comma-separated')
    .option(
      '--fields <keys>',
      'fields it accepts, comma-separated (default email,first_name,last_name)',
    )
    .option('--redirect <url>', 'where a browser goes after a successful post')
    .option('--name <text>', 'a display name (default: the key)')
    .addHelpText('after', createHelp)
    .action((key: string, options: FormCreateOptions) =>
      runWithContext(options, async (context) => {
        const form = await createForm(context.store.db, {
          workspaceId: context.workspace.id,
          definition: {
            key,
            list: options.list,
            consent: options.consent,
            ...(options.fields === undefined ? {} : { fields: options.fields }),
            ...(options.redirect === undefined ? {} : { redirect: options.redirect }),
            ...(options.name === undefined ? {} : { name: options.name }),
          },
          now: context.now,
        });
        if (context.json) context.printJson(formJson(context.workspace, form));
        else context.print(`Created form ${describe(context.workspace, form)}`);
        return 0;
      }),
    );
  addCommonOptions(group.command('list'), { now: false })
    .description('List the website forms')
    .action((options: CommonOptions) =>
      runWithContext(options, async (context) => {
        const forms = await listForms(context.store.db, context.workspace.id);
        if (context.json) context.printJson(forms.map((form) => formJson(context.workspace, form)));
        else if (forms.length === 0)
          context.print('No forms yet: create one with `sift form create`');
        else context.print(forms.map((form) => describe(context.workspace, form)).join('\n\n'));
        return 0;
      }),
    );
}
