/**
 * The types a package's public API names or returns (parameters, return types, properties,
 * events, base classes, followed through each type they name) that its index does not export:
 * a user could hold such a value but not name its type.
 */
import ts from "typescript";

/** Types a package's public API names or returns that its index does not export. */
export function unexportedTypes(indexFile: string, ownRoots: readonly string[]): string[] {
  const program = ts.createProgram([indexFile], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    customConditions: ["@mexc-live/source"],
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(indexFile)!;
  const resolve = (symbol: ts.Symbol): ts.Symbol =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const exported = new Set(checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).map(resolve));
  const own = (decl: ts.Node) => ownRoots.some((root) => decl.getSourceFile().fileName.startsWith(root));
  const missing = new Map<ts.Symbol, string>();
  const seen = new Set<ts.Symbol>();
  const queue: ts.Symbol[] = [...exported];

  const note = (symbol: ts.Symbol | undefined) => {
    if (symbol === undefined) return;
    const target = resolve(symbol);
    if (target.flags & ts.SymbolFlags.TypeParameter) return;
    const decl = target.declarations?.[0];
    if (decl === undefined || !own(decl)) return;
    const isType = target.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Class);
    if (!isType) return;
    if (!exported.has(target) && !missing.has(target)) {
      missing.set(target, `${target.getName()} (${decl.getSourceFile().fileName.split("/packages/")[1]})`);
    }
    if (!seen.has(target)) queue.push(target);
  };
  const noteType = (type: ts.Type) => {
    note(type.aliasSymbol);
    note(type.getSymbol());
    if (type.isUnionOrIntersection()) for (const part of type.types) noteType(part);
    for (const arg of (type as ts.TypeReference).typeArguments ?? []) noteType(arg);
  };
  const isHidden = (node: ts.Node) =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some(
      (m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword,
    );
  const walkTypes = (node: ts.Node): void => {
    if (isHidden(node) || (ts.isPropertyDeclaration(node) && ts.isPrivateIdentifier(node.name))) return;
    if (ts.isBlock(node)) return;
    if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) {
      note(checker.getSymbolAtLocation(ts.isTypeReferenceNode(node) ? node.typeName : node.expression));
    }
    if (ts.isTypeQueryNode(node)) note(checker.getSymbolAtLocation(node.exprName));
    if ((ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isGetAccessor(node)) && !node.type) {
      const signature = checker.getSignatureFromDeclaration(node);
      if (signature) noteType(checker.getReturnTypeOfSignature(signature));
    }
    if (ts.isPropertyDeclaration(node) && !node.type) noteType(checker.getTypeAtLocation(node));
    if (ts.isVariableDeclaration(node)) {
      if (node.type) walkTypes(node.type);
      else noteType(checker.getTypeAtLocation(node));
      return;
    }
    ts.forEachChild(node, walkTypes);
  };
  while (queue.length > 0) {
    const symbol = queue.pop()!;
    if (seen.has(symbol)) continue;
    seen.add(symbol);
    for (const decl of symbol.declarations ?? []) if (own(decl)) walkTypes(decl);
  }
  return [...missing.values()].sort();
}
