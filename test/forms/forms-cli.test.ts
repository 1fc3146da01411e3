import { expect, it } from 'vitest';
import { runSift } from '../contacts/cli-support.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('sift form', (context) => {
  it('creates and lists forms, and refuses a bad definition with exit status 65', async () => {
    const { url } = context();
    const workspace = ['--db', url, '--workspace', 'default'];
    const created = await runSift([
      'form',
      'create',
      'cli-news',
      '--list',
      'cli-news',
      '--consent',
      'marketing,sales_viewing',
      '--fields',
      'email,first_name',
      '--redirect',
      'https://example.com/thanks',
      ...workspace,
      '--json',
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      key: 'cli-news',
      consent: ['marketing', 'sales_viewing'],
      fields: ['email', 'first_name'],
      public_path: '/f/cli-news',
    });
    const listed = await runSift(['form', 'list', ...workspace]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('POST /f/cli-news');
    const refused = await runSift([
      'form',
      'create',
      'cli-bad',
      '--list',
      'x',
      '--consent',
      'nope',
      ...workspace,
    ]);
    expect(refused.code).toBe(65);
    expect(refused.stderr).toContain('consent[0]');
  });
});
