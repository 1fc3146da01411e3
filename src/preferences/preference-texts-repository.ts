import { SiftError } from '../shared/errors.js';
import { type Executor, readJson, writeJson } from '../store/index.js';
import { languageCandidates, PreferenceTexts } from './preference-texts.js';

/** A workspace's own preference center texts, one JSON object per language (`preference_texts`). */

/** BCP 47-shaped: `nl`, `fr-be`, `zh-hant-tw`. Stored lower-case. */
const languagePattern = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/;

export function normaliseLanguageTag(language: string): string {
  const tag = languageCandidates(language)[0] ?? '';
  if (!languagePattern.test(tag)) {
    throw new SiftError(
      'invalid_input',
      `"${language}" is not a language tag (BCP 47, e.g. nl or fr-BE)`,
      { path: 'language' },
    );
  }
  return tag;
}

export async function readWorkspacePreferenceTexts(
  db: Executor,
  workspaceId: number,
): Promise<Map<string, PreferenceTexts>> {
  const rows = await db
    .selectFrom('preference_texts')
    .select(['language', 'texts'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  return new Map(rows.map((row) => [row.language, readJson<PreferenceTexts>(row.texts)]));
}

/** Replaces the workspace's texts for one language; every text is checked first. */
export async function setWorkspacePreferenceTexts(
  db: Executor,
  input: { workspaceId: number; language: string; texts: unknown; now: number },
): Promise<{ language: string; texts: PreferenceTexts }> {
  const language = normaliseLanguageTag(input.language);
  const parsed = PreferenceTexts.safeParse(input.texts);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      code: issue.code,
      path: issue.path.join('.'),
      message: issue.message,
    }));
    throw new SiftError('validation_failed', 'Invalid preference center texts', {
      path: details[0]?.path,
      details,
    });
  }
  const row = {
    workspace_id: input.workspaceId,
    language,
    texts: writeJson(parsed.data),
    updated_at: input.now,
  };
  await db
    .insertInto('preference_texts')
    .values(row)
    .onConflict((conflict) =>
      conflict
        .columns(['workspace_id', 'language'])
        .doUpdateSet({ texts: row.texts, updated_at: row.updated_at }),
    )
    .execute();
  return { language, texts: parsed.data };
}
