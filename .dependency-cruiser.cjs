/**
 * The module boundaries of DESIGN.md §2 as rules. Each message says where the code belongs.
 * Run by `npm run lint` (depcruise src web/src).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles make modules inseparable. If an upstream module must learn something from a downstream one, publish an event instead.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'kernel-is-pure',
      severity: 'error',
      comment: 'kernel/ holds money, codes, errors and regulation and imports nothing of ours but itself. Code that needs the store, HTTP or a module belongs in platform/ or a module.',
      from: { path: '^src/kernel/' },
      to: { path: '^src/(?!kernel/)' },
    },
    {
      name: 'platform-below-modules',
      severity: 'error',
      comment: 'platform/ (config, db, http, audit) imports only kernel/. Code that knows a business module belongs in that module, or in compose.ts.',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules|gateway|cli|demo)/|^src/compose\\.ts$' },
    },
    {
      name: 'modules-through-index',
      severity: 'error',
      comment: "A module reaches another only through that module's index.ts (its face). Export what you need from there instead of importing its internals.",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'identity-at-the-bottom',
      severity: 'error',
      comment: 'identity is at the bottom of the module graph: other modules ask it, it asks none of them. Move the code to the module that owns the data.',
      from: { path: '^src/modules/identity/' },
      to: { path: '^src/modules/(?!identity/)' },
    },
    {
      name: 'modules-not-upward',
      severity: 'error',
      comment: 'Modules do not import the gateway, the CLI, the demo or the composition root: those sit above them and call into modules.',
      from: { path: '^src/modules/' },
      to: { path: '^src/(gateway|cli|demo)/|^src/compose\\.ts$' },
    },
    {
      name: 'rules-are-pure',
      severity: 'error',
      comment: '*.rules.ts are pure functions over facts: they import only kernel/, other rules and type files (*.types.ts). Store access, clock and I/O belong in the *.service.ts that calls them.',
      from: { path: '\\.rules\\.ts$' },
      to: { pathNot: ['^src/kernel/', '\\.rules\\.ts$', '\\.types\\.ts$'] },
    },
    {
      name: 'web-over-http-only',
      severity: 'error',
      comment: 'The console talks to the server over HTTP only. Put shared shapes in the API (OpenAPI) and read them from there, not from src/.',
      from: { path: '^web/' },
      to: { path: '^src/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/|\\.test\\.ts$|^test/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
