import type { ApiResponse, CallName, Method, ProgressEvent, ResultOf, WijkmonitorBridge } from './api.ts';

/** How a host moves one call across its boundary (IPC in Electron, HTTP in the test harness). */
export type Transport = {
  invoke(name: CallName, args: unknown): Promise<ApiResponse<unknown>>;
  subscribe(listener: (event: ProgressEvent) => void): () => void;
};

/**
 * Builds `window.wijkmonitor` over a transport. Every method is listed by hand so the exposed
 * surface is exactly the contract (a test compares the two) and never a generic pipe.
 */
export function createBridge(transport: Transport): WijkmonitorBridge {
  // The transport is untyped; each method is typed by its own name, and a test checks that
  // every slot invokes the call it is named after.
  const call = <K extends CallName>(name: K) =>
    ((args?: unknown) => transport.invoke(name, args ?? {})) as Method<K, ApiResponse<ResultOf<K>>>;
  return {
    app: { info: call('app.info') },
    settings: {
      get: call('settings.get'),
      setEdition: call('settings.setEdition'),
      setGemeente: call('settings.setGemeente'),
    },
    audit: { list: call('audit.list'), export: call('audit.export') },
    key: {
      status: call('key.status'),
      create: call('key.create'),
      backup: call('key.backup'),
      confirmBackup: call('key.confirmBackup'),
      restore: call('key.restore'),
    },
    import: { chooseFiles: call('import.chooseFiles'), preview: call('import.preview'), run: call('import.run'), periods: call('import.periods'), profiles: call('import.profiles') },
    areas: { table: call('areas.table'), save: call('areas.save'), import: call('areas.import'), export: call('areas.export') },
    delivery: {
      preflight: call('delivery.preflight'),
      preview: call('delivery.preview'),
      write: call('delivery.write'),
      history: call('delivery.history'),
      showInFolder: call('delivery.showInFolder'),
    },
    products: { table: call('products.table'), save: call('products.save'), import: call('products.import'), export: call('products.export') },
    quality: {
      report: call('quality.report'),
      findings: call('quality.findings'),
      export: call('quality.export'),
      acknowledgement: call('quality.acknowledgement'),
      acknowledge: call('quality.acknowledge'),
    },
    jobs: { cancel: call('jobs.cancel') },
    onProgress: (listener) => transport.subscribe(listener),
  } satisfies WijkmonitorBridge;
}
