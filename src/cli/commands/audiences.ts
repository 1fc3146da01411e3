import type { Command } from 'commander';
import { type AudiencePreview, exclusionReasons, previewAudience } from '../../campaigns/index.js';
import { isoInstant } from '../../shared/time.js';
import { addCommonOptions, type CommonOptions, runWithContext } from '../context.js';

interface AudiencePreviewOptions extends CommonOptions {
  consent?: string;
  include?: string;
  exclude?: string;
  channel?: string;
}

function splitKeys(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function describe(preview: AudiencePreview, now: number): string {
  const reasons = exclusionReasons.map(
    (reason) => `  ${reason.padEnd(17)} ${preview.excluded[reason]}`,
  );
  const sample = preview.sample.map(
    (member) => `  ${member.id}\t${member.email ?? member.phone ?? member.external_id ?? ''}`,
  );
  return [
    `Audience at ${isoInstant(now)}: ${preview.count} of ${preview.candidates} contacts considered`,
    'Left out (first failing reason):',
    ...reasons,
    ...(sample.length > 0 ? [`First ${sample.length} by id:`, ...sample] : []),
  ].join('\n');
}

const previewHelp = `
The audience: contacts whose consent for --consent is valid at --now, in any --include segment
(everyone when none), in no --exclude segment, with an address for --channel (email: an email,
sms: a phone) that has not hard-bounced (a message.bounced event with channel = the channel and
type = hard). Inactive segments are refused. Each contact left out is counted once, under the
first reason it fails: no_consent, no_address, bounced, excluded_segment.

Example:
  $ sift audience preview --consent marketing --include nl,vip --exclude recent-buyers --channel email`;

export function registerAudienceCommands(program: Command): void {
  const group = program.command('audience').description('Campaign audiences');
  addCommonOptions(group.command('preview'))
    .description('Size, sample and exclusions of an audience')
    .requiredOption('--consent <key>', 'the base consent category')
    .requiredOption('--channel <channel>', 'email or sms')
    .option('--include <segments>', 'segments to include, comma-separated (any of)')
    .option('--exclude <segments>', 'segments to exclude, comma-separated')
    .addHelpText('after', previewHelp)
    .action((options: AudiencePreviewOptions) =>
      runWithContext(options, async (context) => {
        const preview = await previewAudience(context.store, {
          workspace: context.workspace,
          now: context.now,
          request: {
            consent: options.consent,
            channel: options.channel,
            include: splitKeys(options.include),
            exclude: splitKeys(options.exclude),
          },
        });
        if (context.json) context.printJson({ ...preview, now: isoInstant(context.now) });
        else context.print(describe(preview, context.now));
        return 0;
      }),
    );
}
