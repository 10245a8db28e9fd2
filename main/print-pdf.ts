import { isTrustedSender, IpcSenderRejected, type IpcSenderEvent } from './ipc';
import { IPC, type SavedPdf } from '../preload/contract';

/** The slice of a WebContents that prints (Electron's `webContents.printToPDF`). */
export interface PdfPrinter {
  printToPDF(options: {
    printBackground?: boolean;
    preferCSSPageSize?: boolean;
    pageSize?: 'Letter';
  }): Promise<Uint8Array>;
}

export interface SavePdfEvent extends IpcSenderEvent {
  sender: PdfPrinter;
}

export interface SavePdfDeps {
  /** Electron's `dialog.showSaveDialog`, bound to the window. */
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Where the dialog starts (the user's Documents folder). */
  folder: string;
}

export class SavePdfError extends Error {
  constructor(
    readonly code: 'INVALID_FILE_NAME',
    message: string,
  ) {
    super(message);
  }
}

/** A file name the dialog may offer: no folders, no control or reserved characters, ending in .pdf. */
export function pdfFileName(suggested: unknown): string {
  if (typeof suggested !== 'string' || suggested.length > 120)
    throw new SavePdfError('INVALID_FILE_NAME', 'The PDF needs a file name of at most 120 characters.');
  // eslint-disable-next-line no-control-regex
  const cleaned = suggested.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-').replace(/^[.\s-]+/, '');
  const base = cleaned.replace(/\.pdf$/i, '').trim() || 'dispatch';
  return `${base}.pdf`;
}

/**
 * "Save as PDF": prints the asking window with Electron's printToPDF (the page's print stylesheet applies,
 * so the console prints its print view) and writes it where the dispatcher chooses. Only the console's own
 * frames may ask; nothing is printed when the dialog is canceled.
 */
export function registerSavePdf(
  ipcMain: { handle(channel: string, listener: (event: SavePdfEvent, ...args: unknown[]) => unknown): void },
  deps: SavePdfDeps,
): void {
  ipcMain.handle(IPC.savePdf, async (event, suggested): Promise<SavedPdf> => {
    if (!isTrustedSender(event)) throw new IpcSenderRejected(IPC.savePdf, event.senderFrame?.url);
    const name = pdfFileName(suggested);
    const choice = await deps.showSaveDialog({
      title: 'Save as PDF',
      defaultPath: `${deps.folder.replace(/[/\\]+$/, '')}/${name}`,
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (choice.canceled || !choice.filePath) return { saved: false };
    const pdf = await event.sender.printToPDF({ printBackground: false, preferCSSPageSize: true, pageSize: 'Letter' });
    await deps.writeFile(choice.filePath, pdf);
    return { saved: true, path: choice.filePath };
  });
}
