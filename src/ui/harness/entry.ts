import { createBridge } from '../../shared/apiObject.ts';
import { createHttpTransport } from './httpTransport.ts';

// Stands in for Electron's preload: the same bridge object, over HTTP instead of IPC.
const token = new URLSearchParams(location.search).get('token') ?? '';
window.wijkmonitor = createBridge(createHttpTransport(token));

await import('../main.tsx');
