// Finds which catalogue keys the code can ask for, with the TypeScript checker rather than a
// regular expression, so that keys built at run time are resolved as precisely as their types
// allow:
//   'popup.help.heading'                         a literal anywhere in the code
//   `common.category.${c}` with c: CategoryId   exactly the 13 keys of the union
//   `popup.reportText.${key}` where `key` is a plain-string parameter of a local translator
//                                                the literals its callers pass (tr('title'))
//   `x.${k}` with k from `const list = ['a', 'b']`  those literals
//   `x.${k}` with k: string                     unresolved: reported as a pattern, and the
//                                                catalogue test counts no key as used by it
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface KeyRef {
  key: string;
  /** file:line, relative to the repository. */
  at: string;
}

export interface Wildcard {
  pattern: RegExp;
  at: string;
}

export interface KeyUsage {
  /** Keys the code asks for (literal, or resolved from types or call sites). */
  refs: KeyRef[];
  /** Templates that could not be resolved, as the keys they could be. */
  wildcards: Wildcard[];
  files: number;
}

const SOURCE = /\.(ts|tsx)$/;
const SKIP = /\.(test|spec|d)\.tsx?$|\.e2e\.ts$/;
/** Strings shaped like keys that are file names ('popup.html'), not catalogue keys. */
const FILE_NAME = /\.(html|json|css|js|mjs|ts|tsx|png|svg|woff2?|txt|md)$/;

export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (SOURCE.test(name) && !SKIP.test(name)) out.push(p);
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return out.sort();
}

function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = path.join(root, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  return { ...parsed.options, noEmit: true };
}

/** Every string an expression can be, or null when its type does not say. */
function possibleStrings(checker: ts.TypeChecker, e: ts.Expression): string[] | null {
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) {
    return possibleStrings(checker, e.expression);
  }
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isConditionalExpression(e)) {
    const a = possibleStrings(checker, e.whenTrue);
    const b = possibleStrings(checker, e.whenFalse);
    return a && b ? [...a, ...b] : null;
  }
  return literalsOfType(checker, checker.getTypeAtLocation(e));
}

function literalsOfType(checker: ts.TypeChecker, type: ts.Type): string[] | null {
  const parts = type.isUnion() ? type.types : [type];
  const out: string[] = [];
  for (const p of parts) {
    if (p.isStringLiteral()) out.push(p.value);
    else if (p.isNumberLiteral()) out.push(String(p.value));
    else if (p.flags & ts.TypeFlags.BooleanLiteral) out.push(checker.typeToString(p));
    else return null;
  }
  return out;
}

/** The cartesian product of the template's parts. */
function expand(head: string, spans: { values: string[]; tail: string }[]): string[] {
  let acc = [head];
  for (const s of spans) acc = acc.flatMap((a) => s.values.map((v) => a + v + s.tail));
  return acc;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The function a parameter belongs to, and the symbol its callers call it by. */
function parameterOwner(
  checker: ts.TypeChecker,
  id: ts.Identifier,
): { fn: ts.SignatureDeclaration; index: number; callee: ts.Symbol } | null {
  const sym = checker.getSymbolAtLocation(id);
  const decl = sym?.valueDeclaration;
  if (!decl || !ts.isParameter(decl) || !ts.isIdentifier(decl.name)) return null;
  const fn = decl.parent;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn) && !ts.isFunctionDeclaration(fn)) return null;
  const index = fn.parameters.indexOf(decl);
  let nameNode: ts.Node | undefined;
  if (ts.isFunctionDeclaration(fn)) nameNode = fn.name;
  else if (ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) nameNode = fn.parent.name;
  const callee = nameNode && checker.getSymbolAtLocation(nameNode);
  return callee ? { fn, index, callee } : null;
}

const ARRAY_METHODS = new Set(['map', 'flatMap', 'forEach', 'filter', 'some', 'every', 'find']);

/**
 * For `list.map((k) => ...)` where `list` is a local array of string literals typed string[]
 * (`const see = ['sees1', 'sees2']`): the literals.
 */
function arrayCallbackValues(checker: ts.TypeChecker, id: ts.Identifier): string[] | null {
  const decl = checker.getSymbolAtLocation(id)?.valueDeclaration;
  if (!decl || !ts.isParameter(decl)) return null;
  const fn = decl.parent;
  if (fn.parameters[0] !== decl || (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn))) return null;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== fn || !ts.isPropertyAccessExpression(call.expression)) return null;
  if (!ARRAY_METHODS.has(call.expression.name.text)) return null;
  let list: ts.Expression = call.expression.expression;
  if (ts.isIdentifier(list)) {
    const v = checker.getSymbolAtLocation(list)?.valueDeclaration;
    const constant = v && ts.isVariableDeclaration(v) && ts.getCombinedNodeFlags(v) & ts.NodeFlags.Const;
    if (!constant || !v.initializer) return null;
    list = v.initializer;
  }
  if (!ts.isArrayLiteralExpression(list)) return null;
  const out: string[] = [];
  for (const el of list.elements) {
    const values = ts.isSpreadElement(el) ? null : possibleStrings(checker, el);
    if (!values) return null;
    out.push(...values);
  }
  return out;
}

function resolveAlias(checker: ts.TypeChecker, s: ts.Symbol): ts.Symbol {
  return s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
}

export function scanKeyUsage(root: string, dirs: readonly string[], areas: readonly string[]): KeyUsage {
  const files = sourceFiles(root, dirs);
  const program = ts.createProgram(files, compilerOptions(root));
  const checker = program.getTypeChecker();
  const areaRe = new RegExp(`^(?:${areas.map(escapeRe).join('|')})\\.`);
  const keyLike = new RegExp(`^(?:${areas.map(escapeRe).join('|')})\\.[\\w.*-]+$`);
  const refs: KeyRef[] = [];
  const wildcards: Wildcard[] = [];
  const mine = new Set(files.map((f) => path.resolve(f)));
  const sources = program.getSourceFiles().filter((s) => mine.has(path.resolve(s.fileName)));
  const where = (n: ts.Node) => {
    const sf = n.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(n.getStart(sf));
    return `${path.relative(root, sf.fileName)}:${line + 1}`;
  };

  // Calls by callee symbol, for templates whose varying part is a parameter of a local translator.
  const calls = new Map<ts.Symbol, ts.CallExpression[]>();
  for (const sf of sources) {
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n)) {
        const s = checker.getSymbolAtLocation(n.expression);
        if (s) {
          const target = resolveAlias(checker, s);
          calls.set(target, [...(calls.get(target) ?? []), n]);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }

  /** What a parameter can be, from every call in the code; null if any call passes something unknown. */
  function fromCallers(owner: NonNullable<ReturnType<typeof parameterOwner>>): string[] | null {
    const found = calls.get(resolveAlias(checker, owner.callee)) ?? [];
    if (found.length === 0) return null;
    const out: string[] = [];
    for (const c of found) {
      const arg = c.arguments[owner.index];
      const values = arg ? possibleStrings(checker, arg) : null;
      if (!values) return null;
      out.push(...values);
    }
    return out;
  }

  function spanValues(e: ts.Expression): string[] | null {
    const direct = literalsOfType(checker, checker.getTypeAtLocation(e));
    if (direct) return direct;
    if (!ts.isIdentifier(e)) return null;
    const owner = parameterOwner(checker, e);
    if (owner) return fromCallers(owner);
    return arrayCallbackValues(checker, e);
  }

  for (const sf of sources) {
    const visit = (n: ts.Node) => {
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
        if (keyLike.test(n.text) && !FILE_NAME.test(n.text)) refs.push({ key: n.text, at: where(n) });
      } else if (ts.isTemplateExpression(n) && areaRe.test(n.head.text)) {
        const spans = n.templateSpans.map((s) => ({ values: spanValues(s.expression), tail: s.literal.text }));
        if (spans.every((s) => s.values !== null)) {
          const at = where(n);
          for (const key of expand(n.head.text, spans as { values: string[]; tail: string }[])) refs.push({ key, at });
        } else {
          const source = escapeRe(n.head.text) + n.templateSpans.map((s) => `.+${escapeRe(s.literal.text)}`).join('');
          wildcards.push({ pattern: new RegExp(`^${source}$`), at: where(n) });
        }
        // The spans may hold keys of their own (a nested t() call).
        for (const s of n.templateSpans) visit(s.expression);
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { refs, wildcards, files: sources.length };
}
