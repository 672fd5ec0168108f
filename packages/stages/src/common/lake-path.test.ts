import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTemporaryLakes } from '../destination-datalake/test-kit';
import { LakePathError, resolveLakePath } from './lake-path';

const lake = useTemporaryLakes();

describe('resolveLakePath', () => {
  it('resolves a relative path under the root, existing or not', () => {
    const root = lake();
    mkdirSync(join(root, 'iot'));
    expect(resolveLakePath(root, 'iot/readings/dt=2026-11-25')).toBe(join(root, 'iot/readings/dt=2026-11-25'));
  });

  it.each([
    ['..', '../elsewhere', /must not leave the data lake root/],
    ['.. in the middle', 'iot/../../elsewhere', /must not leave the data lake root/],
    ['an absolute path', '/etc', /must be relative/],
    ['a Windows drive', 'C:/Windows', /must be relative/],
    ['a backslash', 'iot\\..\\..', /must use \/ as separator/],
    ['a NUL byte', 'iot\0', /NUL/],
  ])('refuses %s', (_, path, message) => {
    expect(() => resolveLakePath(lake(), path)).toThrow(LakePathError);
    expect(() => resolveLakePath(lake(), path)).toThrow(message);
  });

  it('refuses a path through a symbolic link to a folder outside the root, at any depth', () => {
    const root = lake();
    mkdirSync(join(root, 'a'));
    symlinkSync(lake(), join(root, 'a', 'escape'));
    expect(() => resolveLakePath(root, 'a/escape')).toThrow(/outside the data lake root through a symbolic link/);
    expect(() => resolveLakePath(root, 'a/escape/deeper/still')).toThrow(/outside the data lake root through a symbolic link/);
  });

  it('refuses a path through a dangling symbolic link, which a write would follow out of the root', () => {
    const root = lake();
    symlinkSync(join(lake(), 'not-yet'), join(root, 'dangling'));
    expect(() => resolveLakePath(root, 'dangling')).toThrow(/symbolic link that leads nowhere/);
    expect(() => resolveLakePath(root, 'dangling/file.jsonl')).toThrow(/symbolic link that leads nowhere/);
  });

  it('accepts a symbolic link that stays inside the root', () => {
    const root = lake();
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'alias'));
    expect(resolveLakePath(root, 'alias/x')).toBe(join(root, 'alias/x'));
  });
});
