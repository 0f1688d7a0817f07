import { join } from 'node:path';
import { moduleTask } from '../../src';
import { loadTask, taskDefinition } from '../../src/extension';

describe('taskDefinition and loadTask: a task as plain data, and back', () => {
  it('carries an inline function as its source, which loadTask compiles into a working function', async () => {
    const definition = taskDefinition((n: number) => n * 2);
    expect(definition[0]).toBe('inline');
    expect(structuredClone(definition)).toEqual(definition);
    const fn = await loadTask(JSON.parse(JSON.stringify(definition)));
    expect(fn(21)).toBe(42);
  });

  it('carries a module task as its URL and export, which loadTask imports', async () => {
    const add = moduleTask(join(__dirname, '..', 'fixtures', 'math.cjs'), 'add');
    const definition = taskDefinition(add);
    expect(definition).toEqual(['module', add.url, 'add']);
    const fn = await loadTask(definition);
    expect(fn(2, 3)).toBe(5);
  });

  it('refuses what cannot travel, and what is not a definition, with a TypeError', () => {
    expect(() => taskDefinition(Math.max)).toThrow(TypeError);
    expect(() => loadTask(['elsewhere', 'x'] as never)).toThrow(TypeError);
    expect(() => loadTask('(n) => n' as never)).toThrow(TypeError);
  });
});
