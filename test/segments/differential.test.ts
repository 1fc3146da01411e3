import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Condition,
  type ContactSnapshot,
  type CoreCondition,
  evaluateContact,
  explainContact,
  type LanguageContext,
  listSegmentMemberIds,
  loadLanguageContext,
  loadWorkspaceSnapshots,
  normaliseCondition,
  validateCondition,
  validateSegmentDefinition,
} from '../../src/segments/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { defaultConsentCategories } from '../../src/workspaces/index.js';
import { tuneAggregates } from '../support/arbitraries/aggregate-tuning.js';
import { conditionArbitrary, conditionDepth } from '../support/arbitraries/condition-arbitrary.js';
import { anyConditionJsonArbitrary } from '../support/arbitraries/json-arbitrary.js';
import { timeProfile } from '../support/arbitraries/time-pools.js';
import { consentSegmentKeys, customFields, listKeys } from '../support/arbitraries/value-pools.js';
import {
  treeProfileOf,
  type WorkspaceSpec,
  workspaceSpecArbitrary,
} from '../support/arbitraries/workspace-arbitrary.js';
import { type WrittenWorkspace, writeWorkspace } from '../support/arbitraries/workspace-writer.js';
import { createTestDatabase, isPostgresAvailable, type TestDatabase } from '../support/stores.js';

/**
 * SPEC §6: every segment engine gives the same members. Random workspaces (contacts with missing
 * and odd values, events, bookings, consent, written through the domain modules into one SQLite
 * file and one PostgreSQL database) and random valid conditions at random instants: the SQLite
 * SQL, the PostgreSQL SQL and the interpreter must agree member for member.
 *
 * Replay (docs/testing.md): FC_SEED=<seed> [FC_PATH=<path>] npx vitest run test/segments/differential.test.ts
 * FC_RUNS overrides the number of conditions (default 1,000).
 */

const seed = process.env.FC_SEED
  ? Number(process.env.FC_SEED)
  : Date.now() ^ (Math.random() * 2 ** 31);
const numRuns = Number(process.env.FC_RUNS ?? 1000);
const replayPath = process.env.FC_PATH;
const workspaceCount = 8;

/** The same workspaces for a seed: the data is part of what a seed replays. */
const specs: WorkspaceSpec[] = fc.sample(workspaceSpecArbitrary, { seed, numRuns: workspaceCount });
const savedSegmentKeys = ['saved-a', 'saved-b', 'saved-c', ...consentSegmentKeys];

interface Engine {
  name: 'sqlite' | 'postgres';
  store: Store;
  database: TestDatabase;
  workspaces: WrittenWorkspace[];
  /** Per workspace: contact id → a stable identity (email, external id, phone). */
  identities: Map<number, string>[];
}

const engines: Engine[] = [];
/** How many conditions matched no contact, every contact, or some: a vacuous generator shows here. */
const outcomes = { none: 0, everyone: 0, some: 0 };
const contexts: LanguageContext[] = [];
const snapshotCache = new Map<string, ContactSnapshot[]>();

async function identitiesOf(store: Store, workspaceId: number): Promise<Map<number, string>> {
  const rows = await store.db
    .selectFrom('contacts')
    .select(['id', 'email', 'external_id', 'phone'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  return new Map(
    rows.map((row) => [
      Number(row.id),
      `${row.email ?? ''}|${row.external_id ?? ''}|${row.phone ?? ''}`,
    ]),
  );
}

/** Opens a fresh store and writes every workspace; registered first, so afterAll drops it. */
async function openEngine(name: Engine['name']): Promise<void> {
  const database = await createTestDatabase(name);
  const engine: Engine = {
    name,
    database,
    store: await openStore(database.url),
    workspaces: [],
    identities: [],
  };
  engines.push(engine);
  for (const [index, spec] of specs.entries()) {
    const written = await writeWorkspace(engine.store, spec, `differential-${index}`);
    engine.workspaces.push(written);
    engine.identities.push(await identitiesOf(engine.store, written.workspace.id));
  }
}

function withReplayHint(error: unknown): never {
  console.error(
    `differential test failed; replay with FC_SEED=${seed} (and the path fast-check printed)`,
  );
  throw error;
}

beforeAll(async () => {
  console.info(`segment differential test: FC_SEED=${seed}, ${numRuns} conditions`);
  try {
    await openEngine('sqlite');
    if (await isPostgresAvailable()) await openEngine('postgres');
    const sqlite = engines[0]!;
    for (const written of sqlite.workspaces) {
      contexts.push(await loadLanguageContext(sqlite.store.db, written.workspace));
    }
  } catch (error) {
    withReplayHint(error);
  }
}, 300_000);

afterAll(async () => {
  for (const engine of engines) {
    await engine.store.close();
    await engine.database.drop();
  }
});

async function snapshotsAt(index: number, now: number): Promise<ContactSnapshot[]> {
  const key = `${index}:${now}`;
  const cached = snapshotCache.get(key);
  if (cached) return cached;
  const { workspace } = engines[0]!.workspaces[index]!;
  const loaded = await loadWorkspaceSnapshots(engines[0]!.store.db, {
    workspaceId: workspace.id,
    now,
    timeZone: workspace.timeZone,
  });
  snapshotCache.set(key, loaded);
  return loaded;
}

/** A snapshot with ids replaced by identities, for comparing stores and for reports. */
function portable(snapshot: ContactSnapshot, identities: Map<number, string>) {
  const { id, ...contact } = snapshot.contact;
  return {
    ...snapshot,
    contact: { identity: identities.get(id), ...contact },
    tags: [...snapshot.tags].sort(),
    lists: [...snapshot.lists].sort(),
  };
}

type Members = { engine: string; members: string[] } | { engine: string; error: string };

async function sqlMembers(engine: Engine, index: number, core: CoreCondition): Promise<Members> {
  try {
    const ids = await listSegmentMemberIds(engine.store, core, {
      workspaceId: engine.workspaces[index]!.workspace.id,
    });
    const identities = engine.identities[index]!;
    return { engine: engine.name, members: ids.map((id) => identities.get(id)!).sort() };
  } catch (error) {
    return { engine: engine.name, error: String(error) };
  }
}

async function interpreterMembers(
  index: number,
  now: number,
  core: CoreCondition,
): Promise<Members> {
  const identities = engines[0]!.identities[index]!;
  const snapshots = await snapshotsAt(index, now);
  const members = snapshots
    .filter((snapshot) => evaluateContact(core, snapshot))
    .map((snapshot) => identities.get(snapshot.contact.id)!);
  return { engine: 'interpreter', members: members.sort() };
}

interface Case {
  workspace: number;
  now: string;
  condition: Condition;
  /** When set, aggregates are re-aimed at values contacts have (aggregate-tuning.ts). */
  tuning: number | undefined;
}

const caseArbitrary: fc.Arbitrary<Case> = fc.nat(workspaceCount - 1).chain((workspace) => {
  const time = specs[workspace]!.time;
  return fc.record({
    workspace: fc.constant(workspace),
    now: fc.constantFrom(...time.nows).map((now) => new Date(now).toISOString()),
    condition: conditionArbitrary(treeProfileOf(time, savedSegmentKeys), { maxDepth: 3 }),
    tuning: fc.option(fc.nat(), { nil: undefined, freq: 3 }),
  });
});

/** Explains where the engines part: the contacts they disagree on, with their data. */
async function disagreement(
  testCase: Case,
  core: CoreCondition,
  results: Members[],
): Promise<string> {
  const now = Date.parse(testCase.now);
  const sets = results.map((result) => new Set('members' in result ? result.members : []));
  const all = new Set(sets.flatMap((set) => [...set]));
  const disputed = [...all]
    .filter((identity) => !sets.every((set) => set.has(identity)))
    .slice(0, 3);
  const identities = engines[0]!.identities[testCase.workspace]!;
  const snapshots = await snapshotsAt(testCase.workspace, now);
  const contacts = disputed.map((identity) => {
    const snapshot = snapshots.find((item) => identities.get(item.contact.id) === identity)!;
    return {
      identity,
      memberOf: results
        .filter((_, position) => sets[position]!.has(identity))
        .map((result) => result.engine),
      snapshot: portable(snapshot, identities),
      interpreter: explainContact(core, snapshot),
    };
  });
  const counts = results.map((result) =>
    'members' in result
      ? `${result.engine}: ${result.members.length}`
      : `${result.engine} threw: ${result.error}`,
  );
  return [
    `engines disagree in workspace ${testCase.workspace} (${specs[testCase.workspace]!.time.timeZone}) at ${testCase.now}`,
    `condition: ${JSON.stringify(testCase.condition)}`,
    `members: ${counts.join('; ')}`,
    `contacts: ${JSON.stringify(contacts, null, 1)}`,
  ].join('\n');
}

/** The condition as evaluated: the generated one, with aggregates tuned when asked. */
async function conditionOf(testCase: Case): Promise<Condition> {
  if (testCase.tuning === undefined) return testCase.condition;
  const now = Date.parse(testCase.now);
  return tuneAggregates(testCase.condition, {
    context: { ...contexts[testCase.workspace]!, now },
    snapshots: await snapshotsAt(testCase.workspace, now),
    choice: testCase.tuning,
  });
}

async function checkCase(testCase: Case): Promise<void> {
  const context = contexts[testCase.workspace]!;
  const condition = await conditionOf(testCase);
  const problems = validateCondition(condition, context);
  if (problems.length > 0) {
    throw new Error(`the validator rejects a generated condition: ${JSON.stringify(problems)}`);
  }
  const now = Date.parse(testCase.now);
  const core = normaliseCondition(Condition.parse(condition), { ...context, now });
  const results: Members[] = [];
  for (const engine of engines) results.push(await sqlMembers(engine, testCase.workspace, core));
  results.push(await interpreterMembers(testCase.workspace, now, core));
  const [first, ...others] = results.map((result) =>
    JSON.stringify('members' in result ? result.members : result),
  );
  if (others.some((other) => other !== first)) {
    throw new Error(await disagreement({ ...testCase, condition }, core, results));
  }
  const count = (results[0] as { members: string[] }).members.length;
  const total = engines[0]!.identities[testCase.workspace]!.size;
  outcomes[count === 0 ? 'none' : count === total ? 'everyone' : 'some'] += 1;
}

describe('segment engines on random workspaces', () => {
  it('writes the same rows to both stores', async () => {
    if (engines.length < 2) return;
    for (const [index, spec] of specs.entries()) {
      const [sqlite, postgres] = engines.map(async (engine) => {
        const { workspace } = engine.workspaces[index]!;
        const loaded = await loadWorkspaceSnapshots(engine.store.db, {
          workspaceId: workspace.id,
          now: spec.time.anchor,
          timeZone: workspace.timeZone,
        });
        const identities = engine.identities[index]!;
        return loaded
          .map((snapshot) => portable(snapshot, identities))
          .sort((left, right) => (left.contact.identity! < right.contact.identity! ? -1 : 1));
      });
      expect(await postgres).toEqual(await sqlite);
    }
  });

  it('generates workspaces with the odd values the engines must handle', async () => {
    const snapshots = (
      await Promise.all(specs.map((spec, index) => snapshotsAt(index, spec.time.anchor)))
    ).flat();
    const events = snapshots.flatMap((snapshot) => snapshot.events);
    expect(snapshots.length).toBeGreaterThan(workspaceCount * 20);
    expect(snapshots.some((snapshot) => snapshot.contact.city_key === null)).toBe(true);
    expect(
      events.some(
        (event) =>
          typeof event.property_text.amount === 'string' &&
          event.property_number.amount === undefined,
      ),
    ).toBe(true);
    expect(
      snapshots.some((snapshot) => snapshot.reservations.some((row) => row.status === 'cancelled')),
    ).toBe(true);
    const states = new Set(snapshots.flatMap((snapshot) => Object.values(snapshot.consent)));
    expect([...states].sort()).toEqual(['expired', 'never_given', 'valid', 'withdrawn']);
    expect(events.some((event) => Object.hasOwn(event.property_text, '__proto__'))).toBe(true);
  });

  it('stores every generated event once, the first delivery of a client id only', async () => {
    for (const [index, spec] of specs.entries()) {
      const ids = spec.events.flatMap((event) => (event.clientId === null ? [] : [event.clientId]));
      const duplicates = ids.length - new Set(ids).size;
      const stored = (await snapshotsAt(index, spec.time.anchor)).flatMap((item) => item.events);
      expect(stored.length).toBe(spec.events.length - duplicates);
    }
  });

  it(`SQLite SQL = PostgreSQL SQL = interpreter on ${numRuns} random conditions`, async () => {
    const property = fc.asyncProperty(caseArbitrary, checkCase);
    await fc
      .assert(property, {
        seed,
        numRuns,
        ...(replayPath ? { path: replayPath } : {}),
      })
      .catch(withReplayHint);
    console.info(`members per condition: ${JSON.stringify(outcomes)}`);
    // Agreement on empty or full memberships proves little: most conditions must split contacts.
    if (replayPath === undefined && numRuns >= 100) {
      expect(outcomes.some).toBeGreaterThan(numRuns * 0.3);
    }
  }, 900_000);

  it('keeps generated conditions within depth 4', () => {
    const samples = fc.sample(caseArbitrary, { seed, numRuns: 200 });
    expect(
      Math.max(...samples.map((sample) => conditionDepth(sample.condition))),
    ).toBeLessThanOrEqual(4);
  });
});

const robustnessContext: LanguageContext = {
  timeZone: 'Europe/Amsterdam',
  fields: customFields,
  listKeys,
  consentCategories: defaultConsentCategories.map((category) => ({
    key: category.key,
    timeBound: category.timeBound,
  })),
  segments: [{ key: 'saved-a', parent: null, condition: { type: 'all', conditions: [] } }],
};

/** Keys that the path notation (`conditions[2].where[0].op`) cannot name unambiguously. */
function hasAmbiguousKeys(tree: unknown): boolean {
  const pending: unknown[] = [tree];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (!Array.isArray(node) && Object.keys(node).some((key) => /[.[\]]|^$/.test(key))) return true;
    pending.push(...Object.values(node));
  }
  return false;
}

/** A problem's path leads into the tree: every step but the last (which may be missing) exists. */
function pathLeadsIntoTree(tree: unknown, path: string): boolean {
  const steps = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) =>
    match[2] === undefined ? match[1]! : Number(match[2]),
  );
  let node: unknown = tree;
  for (const step of steps.slice(0, -1)) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, step)) return false;
    node = (node as Record<string | number, unknown>)[step];
  }
  return true;
}

function expectProblemShape(problems: unknown, tree: unknown, base = ''): void {
  expect(Array.isArray(problems)).toBe(true);
  const checkPaths = !hasAmbiguousKeys(tree);
  for (const problem of problems as Record<string, unknown>[]) {
    expect(typeof problem.code).toBe('string');
    expect(typeof problem.message).toBe('string');
    expect(typeof problem.path).toBe('string');
    const path = problem.path as string;
    if (checkPaths && path.startsWith(base)) {
      const relative = path.slice(base.length).replace(/^\./, '');
      expect([path, pathLeadsIntoTree(tree, relative)]).toEqual([path, true]);
    }
  }
}

describe('validator robustness', () => {
  const profile = treeProfileOf(
    timeProfile({ timeZone: 'Europe/Amsterdam', anchorDay: '2026-03-16', timeOfDay: 0 }),
    ['saved-a'],
  );

  it('never throws on random JSON: it accepts it or names each problem with its path', () => {
    const property = fc.property(anyConditionJsonArbitrary(profile), (tree) => {
      const problems = validateCondition(tree, robustnessContext);
      expectProblemShape(problems, tree);
      if (problems.length === 0) {
        const parsed = Condition.parse(tree);
        normaliseCondition(parsed, { ...robustnessContext, now: Date.UTC(2026, 2, 16) });
      }
      const definitionProblems = validateSegmentDefinition(
        { key: 'random', name: 'Random', parent: 'saved-a', condition: tree },
        robustnessContext,
      );
      expectProblemShape(definitionProblems, tree, 'condition');
      expect(definitionProblems.length === 0).toBe(problems.length === 0);
    });
    try {
      fc.assert(property, { seed, numRuns: 500, ...(replayPath ? { path: replayPath } : {}) });
    } catch (error) {
      withReplayHint(error);
    }
  }, 120_000);
});
