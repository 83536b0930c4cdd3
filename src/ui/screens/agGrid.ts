import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';

// Registered once for every grid in the app.
ModuleRegistry.registerModules([AllCommunityModule]);
