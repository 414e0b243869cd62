/**
 * Preload: the only bridge between the (sandboxed, context-isolated) page and the main process.
 *
 * Exposes `window.branchline = { invoke(channel, req), onMenu(cb) }` and nothing else:
 * - `invoke` refuses any channel not in the shared contract and validates the request before
 *   sending it (main validates again; this just fails fast with the same typed error);
 * - `onMenu` delivers only known menu commands and never hands the page the IPC event object
 *   (which would expose `sender`).
 *
 * Runs in Electron's sandboxed preload environment: it may require only 'electron' (and a few
 * Node shims), so build-electron bundles the contract into this file.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  MENU_EVENT_CHANNEL,
  ipcError,
  isIpcError,
  isMenuCommand,
  validateIpcRequest,
  type BranchlineBridge,
  type IpcChannel,
  type IpcRequest,
  type IpcResponse,
  type IpcResult,
  type MenuCommand,
} from '../shared/ipc/contract';

export type IpcRendererLike = Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createBridge(ipc: IpcRendererLike): BranchlineBridge {
  return {
    async invoke<C extends IpcChannel>(channel: C, req: IpcRequest<C>): Promise<IpcResponse<C>> {
      // validateIpcRequest also refuses unknown channels (ipc.unknown_channel).
      const parsed = validateIpcRequest(channel as string, req);
      if (!parsed.ok) throw parsed.error;
      const result = (await ipc.invoke(channel, parsed.value)) as IpcResult<IpcResponse<C>>;
      if (result && result.ok === true) return result.value;
      if (result && result.ok === false && isIpcError(result.error)) throw result.error;
      throw ipcError('ipc.failed', { channel, message: 'malformed reply from main process' });
    },
    onMenu(cb: (cmd: MenuCommand) => void): () => void {
      const listener = (_event: IpcRendererEvent, cmd: unknown) => {
        if (isMenuCommand(cmd)) cb(cmd);
      };
      ipc.on(MENU_EVENT_CHANNEL, listener);
      return () => {
        ipc.removeListener(MENU_EVENT_CHANNEL, listener);
      };
    },
  };
}

contextBridge.exposeInMainWorld('branchline', createBridge(ipcRenderer));
