// TypeDoc plugin: the house style asks for an `@example` on every export. This warns (and `npm run docs` treats
// warnings as errors) for each exported class, function, variable, type alias or interface of an entry point whose
// doc comment has no `@example` block.
import { Converter, ReflectionKind } from 'typedoc';

const NEEDS_EXAMPLE =
  ReflectionKind.Class | ReflectionKind.Function | ReflectionKind.Variable | ReflectionKind.TypeAlias | ReflectionKind.Interface;

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const reflection of context.project.getReflectionsByKind(NEEDS_EXAMPLE)) {
      if (!reflection.parent?.kindOf(ReflectionKind.Module | ReflectionKind.Project)) continue;
      const comments = [reflection.comment, ...(reflection.signatures ?? []).map((signature) => signature.comment)];
      if (comments.some((comment) => comment?.getTag('@example'))) continue;
      app.logger.warn(`${reflection.getFriendlyFullName()} (${ReflectionKind[reflection.kind]}) has no @example in its doc comment`);
    }
  });
}
