// The layering of DESIGN.md §3, checked by `pnpm lint` (decision 015): composition root → features →
// platform → shared; no cycles; a feature reaches another only through that feature's service.ts; the
// platform knows no feature; test support never reaches production; the Stripe emulator stands alone.
// dependency-cruiser 16 is the last line that runs on Node 20.

const SERVER = '^server/src/';
const FEATURES = `${SERVER}features/`;
const PLATFORM = `${SERVER}platform/`;
const COMPOSITION_ROOT = `${SERVER}(main|app|runtime|hooks|portal-emulator)\\.ts$|${SERVER}(scripts|bench|seed)/`;
const TEST_SUPPORT = `${SERVER}testing/|\\.(i)?test\\.tsx?$|\\.test-support\\.ts$|^server/stripe-emulator/testing/|^web/src/test/`;
const EMULATOR = '^server/stripe-emulator/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Imports run one way: a cycle means two modules are one, or a reaction belongs in a hook.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-knows-no-feature',
      comment:
        'platform/ (db, jobs, http, audit, notifications, auth, stripe, settings, clock, config, logger) imports no feature and no composition-root file.',
      severity: 'error',
      from: { path: PLATFORM },
      to: { path: [FEATURES, COMPOSITION_ROOT] },
    },
    {
      name: 'features-below-composition-root',
      comment:
        'Features are wired by main.ts/app.ts/runtime.ts/hooks.ts and scripts; they never import them.',
      severity: 'error',
      from: { path: FEATURES, pathNot: TEST_SUPPORT },
      to: { path: COMPOSITION_ROOT },
    },
    {
      name: 'feature-through-its-service',
      comment:
        'Another feature is reached only through its public service.ts (its routes, repos and helpers are its own).',
      severity: 'error',
      from: { path: `${FEATURES}([^/]+)/`, pathNot: TEST_SUPPORT },
      to: { path: FEATURES, pathNot: [`${FEATURES}$1/`, `${FEATURES}[^/]+/service\\.ts$`] },
    },
    {
      name: 'no-test-support-in-production',
      comment: 'Test harness, helpers and *.test.ts files are imported by tests (and benchmarks) only.',
      severity: 'error',
      from: { pathNot: [TEST_SUPPORT, `${SERVER}bench/`] },
      to: { path: TEST_SUPPORT },
    },
    {
      name: 'shared-stands-alone',
      comment: 'shared/ is imported by server and web and imports neither.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(server|web|e2e)/' },
    },
    {
      name: 'emulator-stands-alone',
      comment: 'The Stripe emulator imitates Stripe: it imports nothing of the portal.',
      severity: 'error',
      from: { path: EMULATOR },
      to: { path: '^(server/src|shared|web)/' },
    },
    {
      name: 'portal-uses-emulator-entry',
      comment: 'The portal starts the emulator through its public entry, server/stripe-emulator/index.ts.',
      severity: 'error',
      from: { path: '^(server/src|web|e2e)/' },
      to: { path: EMULATOR, pathNot: `${EMULATOR}index\\.ts$` },
    },
    {
      name: 'web-features-stand-alone',
      comment:
        'bulletproof-react: web features do not import each other; shared UI goes to components/ or lib/.',
      severity: 'error',
      from: { path: '^web/src/features/([^/]+)/', pathNot: TEST_SUPPORT },
      to: { path: '^web/src/features/', pathNot: '^web/src/features/$1/' },
    },
    {
      name: 'web-reaches-server-types-only',
      comment: 'The web app sees the server only as types (AppType and friends), never as code.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^server/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '/dist/'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
