import type { ApiResponse, CallName, DroppedFile, DroppedFiles, Method, PageArgs, ProgressEvent, ResultOf, WijkmonitorBridge } from './api.ts';

/** How a host moves one call across its boundary (IPC in Electron, HTTP in the test harness). */
export type Transport = {
  invoke(name: CallName, args: unknown): Promise<ApiResponse<unknown>>;
  subscribe(listener: (event: ProgressEvent) => void): () => void;
  /**
   * Hands the files of one drop to the host, which checks them and answers a one-time token for
   * the core (Electron: their paths via the main process; the harness: their bytes).
   */
  offerDrop(files: readonly DroppedFile[]): Promise<string>;
};

const dropFailed: ApiResponse<DroppedFiles> = {
  ok: false,
  error: { code: 'SLEPEN_MISLUKT', message: 'De gesleepte bestanden konden niet worden doorgegeven. Probeer het opnieuw of gebruik “Bestanden kiezen…”.' },
};

/**
 * Builds `window.wijkmonitor` over a transport. Every method is listed by hand so the exposed
 * surface is exactly the contract (a test compares the two) and never a generic pipe.
 */
export function createBridge(transport: Transport): WijkmonitorBridge {
  // The transport is untyped; each method is typed by its own name, and a test checks that
  // every slot invokes the call it is named after.
  const call = <K extends Exclude<CallName, keyof PageArgs>>(name: K) =>
    ((args?: unknown) => transport.invoke(name, args ?? {})) as Method<K, ApiResponse<ResultOf<K>>>;
  return {
    app: { info: call('app.info') },
    settings: {
      get: call('settings.get'),
      setEdition: call('settings.setEdition'),
      setGemeente: call('settings.setGemeente'),
      setOrganisatie: call('settings.setOrganisatie'),
    },
    audit: { list: call('audit.list'), export: call('audit.export') },
    key: {
      status: call('key.status'),
      create: call('key.create'),
      backup: call('key.backup'),
      confirmBackup: call('key.confirmBackup'),
      restore: call('key.restore'),
    },
    import: {
      chooseFiles: call('import.chooseFiles'),
      dropFiles: async ({ files }) => {
        let drop: string;
        try {
          drop = await transport.offerDrop(files);
        } catch {
          return dropFailed;
        }
        return transport.invoke('import.dropFiles', { drop }) as Promise<ApiResponse<DroppedFiles>>;
      },
      preview: call('import.preview'),
      run: call('import.run'),
      periods: call('import.periods'),
      chooseBerichten: call('import.chooseBerichten'),
      berichtenPreview: call('import.berichtenPreview'),
      berichtenRun: call('import.berichtenRun'),
      files: call('import.files'),
      remove: call('import.remove'),
      profiles: call('import.profiles'),
    },
    areas: { table: call('areas.table'), save: call('areas.save'), import: call('areas.import'), export: call('areas.export'), mapImport: call('areas.mapImport'), map: call('areas.map') },
    programmering: {
      table: call('programmering.table'),
      save: call('programmering.save'),
      delete: call('programmering.delete'),
      import: call('programmering.import'),
      export: call('programmering.export'),
    },
    lasten: {
      table: call('lasten.table'),
      save: call('lasten.save'),
      delete: call('lasten.delete'),
      import: call('lasten.import'),
      export: call('lasten.export'),
    },
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
    overzicht: {
      perioden: call('overzicht.perioden'),
      cijfers: call('overzicht.cijfers'),
      tabel: call('overzicht.tabel'),
      export: call('overzicht.export'),
      png: call('overzicht.png'),
      begrippen: call('overzicht.begrippen'),
    },
    jobs: { cancel: call('jobs.cancel') },
    central: {
      import: call('central.import'),
      status: call('central.status'),
      feedback: call('central.feedback'),
      export: call('central.export'),
      approve: call('central.approve'),
      reference: call('central.reference'),
      areas: call('central.areas'),
      areasExport: call('central.areasExport'),
      groups: call('central.groups'),
      flows: call('central.flows'),
      trends: call('central.trends'),
      benchmark: call('central.benchmark'),
      benchmarkExport: call('central.benchmarkExport'),
      groupsView: call('central.groupsView'),
      trendView: call('central.trendView'),
      flowView: call('central.flowView'),
      map: call('central.map'),
      importDropped: call('central.importDropped'),
      feedbackFindings: call('central.feedbackFindings'),
      auditLog: call('central.auditLog'),
      auditExport: call('central.auditExport'),
      statusExport: call('central.statusExport'),
      referenceOverview: call('central.referenceOverview'),
      thresholds: call('central.thresholds'),
      setThreshold: call('central.setThreshold'),
      tableExport: call('central.tableExport'),
      pack: call('central.pack'),
      packSettings: call('central.packSettings'),
      packRelease: call('central.packRelease'),
      setPackIjkperiode: call('central.setPackIjkperiode'),
      setPackSetting: call('central.setPackSetting'),
      packShowInFolder: call('central.packShowInFolder'),
    },
    benchmark: { import: call('benchmark.import'), view: call('benchmark.view') },
    onProgress: (listener) => transport.subscribe(listener),
  } satisfies WijkmonitorBridge;
}
