/**
 * The package's public surface, as users see it: the declarations `npm run build` emits for the package entry (with
 * `stripInternal`), walked through every namespace. Any change to the public API shows up as a diff of this snapshot,
 * to be reviewed like code.
 */
import * as ts from 'typescript';
import { ensureBuilt } from './built';

function apiReport(entry: string): string[] {
  const program = ts.createProgram([entry], { strict: true, types: [], skipLibCheck: true });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const lines: string[] = [];
  const typeOf = (symbol: ts.Symbol, at: ts.Node): string =>
    checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, at), at, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType);
  const visibility = (decl: ts.Declaration): string => {
    const flags = ts.getCombinedModifierFlags(decl);
    return `${flags & ts.ModifierFlags.Protected ? 'protected ' : ''}${flags & ts.ModifierFlags.Static ? 'static ' : ''}${flags & ts.ModifierFlags.Readonly ? 'readonly ' : ''}`;
  };
  const members = (symbols: ts.Symbol[], indent: string, owner = ''): void => {
    for (const member of [...symbols].sort((a, b) => a.name.localeCompare(b.name))) {
      const decl = member.declarations?.[0];
      if (member.flags & ts.SymbolFlags.Interface) {
        // an interface in the namespace merged with a class (generated L1s nest their property types so)
        lines.push(`${indent}interface ${owner}.${member.name}`);
        members([...(member.members?.values() ?? [])], `${indent}  `);
        continue;
      }
      if (decl === undefined || ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Private || member.name.startsWith('__')) {
        continue;
      }
      const optional = member.flags & ts.SymbolFlags.Optional ? '?' : '';
      lines.push(`${indent}${visibility(decl)}${member.name}${optional}: ${typeOf(member, decl)}`);
    }
  };
  const walk = (symbols: ts.Symbol[], prefix: string): void => {
    for (let symbol of [...symbols].sort((a, b) => a.name.localeCompare(b.name))) {
      const name = `${prefix}${symbol.name}`;
      if (symbol.flags & ts.SymbolFlags.Alias) {
        symbol = checker.getAliasedSymbol(symbol);
      }
      const decl = symbol.declarations?.[0];
      if (decl !== undefined && ts.isSourceFile(decl)) {
        lines.push(`namespace ${name}`);
        walk(checker.getExportsOfModule(symbol), `${name}.`);
        continue;
      }
      if (symbol.flags & ts.SymbolFlags.Class) {
        const type = checker.getDeclaredTypeOfSymbol(symbol) as ts.InterfaceType;
        const bases = checker.getBaseTypes(type).map((t) => checker.typeToString(t));
        lines.push(`class ${name}${bases.length ? ` extends ${bases.join(', ')}` : ''}`);
        const ctor = checker.getTypeOfSymbolAtLocation(symbol, decl!).getConstructSignatures()
          .filter((s) => !(s.declaration && ts.getCombinedModifierFlags(s.declaration) & ts.ModifierFlags.Private));
        for (const signature of ctor) {
          lines.push(`  constructor${checker.signatureToString(signature).replace(/: [A-Za-z.]+$/, '')}`);
        }
        members(checker.getExportsOfModule(symbol).filter((s) => s.name !== 'prototype'), '  ', symbol.name);
        members([...(symbol.members?.values() ?? [])].filter((s) => s.name !== '__constructor'), '  ');
      } else if (symbol.flags & ts.SymbolFlags.Interface) {
        const type = checker.getDeclaredTypeOfSymbol(symbol) as ts.InterfaceType;
        const bases = checker.getBaseTypes(type).map((t) => checker.typeToString(t));
        lines.push(`interface ${name}${bases.length ? ` extends ${bases.join(', ')}` : ''}`);
        members([...(symbol.members?.values() ?? [])], '  ');
      } else if (symbol.flags & ts.SymbolFlags.Enum) {
        lines.push(`enum ${name}`);
        members(checker.getExportsOfModule(symbol), '  ');
      } else if (symbol.flags & ts.SymbolFlags.Namespace) {
        lines.push(`namespace ${name}`);
        walk(checker.getExportsOfModule(symbol), `${name}.`);
      } else {
        lines.push(`${ts.SymbolFlags[symbol.flags] ?? 'symbol'} ${name}`);
      }
    }
  };
  walk(checker.getExportsOfModule(module), '');
  return lines;
}

describe('public API', () => {
  let report: string[];
  beforeAll(() => {
    report = apiReport(ensureBuilt());
  }, 120_000);

  test('the package root exports three classes, two enums and ten namespaces, nothing else', () => {
    expect(report.filter((l) => !l.startsWith(' ') && !l.includes('.'))).toEqual([
      'namespace assertions',
      'namespace checks',
      'namespace consumers',
      'namespace customResources',
      'class Duration',
      'enum ErrorsTolerance',
      'namespace ess',
      'class Grant',
      'interface GrantOnResourceOptions',
      'namespace graph',
      'namespace iot',
      'enum RetryStrategy',
      'namespace routes',
      'namespace smq',
      'namespace sources',
      'class ValidationError extends Error',
    ]);
  });

  test('nothing internal is part of it', () => {
    const joined = report.join('\n');
    for (const internal of ['stackRegion', 'stackAccount', 'StackState', 'AppState', 'claimName', 'claimLogicalId', 'policyPlacement', 'checkEndpoint',
      'grantOnChannel', 'scopeActions', 'withLiteralNames', 'Attributes', 'ValidatedProps', 'QUEUE_RULES']) {
      expect(joined).not.toMatch(new RegExp(`\\b${internal}\\b`));
    }
    expect(report.filter((l) => /^\s+(protected )?(static )?(readonly )?_/.test(l))).toEqual([]);
  });

  test('the L1s live beside their L2s in smq, in the shape of generated ROS CDK L1s', () => {
    expect(report).toContain('class smq.RosQueue extends RosResource');
    expect(report).toContain('  constructor(scope: Construct, id: string, props: RosQueueProps, enableResourcePropertyConstraint: boolean)');
    expect(report).toContain('  static readonly ROS_RESOURCE_TYPE_NAME: "ALIYUN::MNS::Queue"');
    expect(report).toContain('  queueName: string | ros.IResolvable');
    expect(report).toContain('  interface RosQueue.DlqPolicyProperty');
  });

  test('the whole surface (review every diff of this snapshot)', () => {
    expect(report.join('\n')).toMatchSnapshot();
  });
});
