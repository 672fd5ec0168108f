import { describe, expect, it } from 'vitest';
import { can, rolesUpTo, type Action } from './permissions';

const WATCHING: Action[] = ['watch', 'manageOwnTokens'];
const EDITING: Action[] = ['design', 'preview', 'run', 'reprocess', 'exportPipeline', 'manageAlerts', 'manageSecrets'];
const ADMINISTERING: Action[] = ['manageUsers', 'readAudit'];

describe('can(role, action)', () => {
  it('lets a viewer watch and make their own tokens, and nothing else', () => {
    for (const action of WATCHING) expect(can('viewer', action), action).toBe(true);
    for (const action of [...EDITING, ...ADMINISTERING]) expect(can('viewer', action), action).toBe(false);
  });

  it('lets an editor design, preview, run, re-process, export and keep secrets, but not manage users or read the audit log', () => {
    for (const action of [...WATCHING, ...EDITING]) expect(can('editor', action), action).toBe(true);
    for (const action of ADMINISTERING) expect(can('editor', action), action).toBe(false);
  });

  it('lets an admin do everything', () => {
    for (const action of [...WATCHING, ...EDITING, ...ADMINISTERING]) expect(can('admin', action), action).toBe(true);
  });

  it('lets nobody do anything without a session', () => {
    for (const action of [...WATCHING, ...EDITING, ...ADMINISTERING]) expect(can(undefined, action), action).toBe(false);
  });
});

describe('rolesUpTo', () => {
  it('offers a user their own role and those below it, weakest first', () => {
    expect(rolesUpTo('viewer')).toEqual(['viewer']);
    expect(rolesUpTo('editor')).toEqual(['viewer', 'editor']);
    expect(rolesUpTo('admin')).toEqual(['viewer', 'editor', 'admin']);
  });
});
