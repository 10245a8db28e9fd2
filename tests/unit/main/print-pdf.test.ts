import { describe, expect, it, vi } from 'vitest';
import { IpcSenderRejected } from '../../../main/ipc';
import { pdfFileName, registerSavePdf, SavePdfError, type SavePdfEvent } from '../../../main/print-pdf';
import { IPC } from '../../../preload/contract';

type Listener = (event: SavePdfEvent, ...args: unknown[]) => unknown;

/** ipcMain, a window's webContents and the save dialog as Electron hands them to the handler. */
function setup(choice: { canceled: boolean; filePath?: string }) {
  const handlers = new Map<string, Listener>();
  const ipcMain = { handle: vi.fn((channel: string, listener: Listener) => void handlers.set(channel, listener)) };
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]); // %PDF
  const sender = { printToPDF: vi.fn(async () => pdf) };
  const deps = {
    showSaveDialog: vi.fn(async () => choice),
    writeFile: vi.fn(async () => undefined),
    folder: '/home/dana/Documents/',
  };
  registerSavePdf(ipcMain, deps);
  const invoke = (url: string | null, ...args: unknown[]) =>
    handlers.get(IPC.savePdf)!({ senderFrame: url === null ? null : { url }, sender }, ...args);
  return { invoke, sender, deps, pdf };
}

describe('registerSavePdf', () => {
  it('prints the asking window to PDF and writes it where the dispatcher chose', async () => {
    const { invoke, sender, deps, pdf } = setup({ canceled: false, filePath: '/home/dana/day.pdf' });
    await expect(invoke('app://dispatch/index.html', 'day-2026-03-03.pdf')).resolves.toEqual({
      saved: true,
      path: '/home/dana/day.pdf',
    });
    expect(deps.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: '/home/dana/Documents/day-2026-03-03.pdf' }),
    );
    expect(sender.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ preferCSSPageSize: true }));
    expect(deps.writeFile).toHaveBeenCalledExactlyOnceWith('/home/dana/day.pdf', pdf);
  });

  it('prints and writes nothing when the dialog is canceled', async () => {
    const { invoke, sender, deps } = setup({ canceled: true });
    await expect(invoke('app://dispatch/index.html', 'day.pdf')).resolves.toEqual({ saved: false });
    expect(sender.printToPDF).not.toHaveBeenCalled();
    expect(deps.writeFile).not.toHaveBeenCalled();
  });

  it('answers only the console, and refuses a file name that is not text', async () => {
    const { invoke, deps } = setup({ canceled: false, filePath: '/tmp/x.pdf' });
    await expect(invoke('https://evil.example/', 'day.pdf')).rejects.toBeInstanceOf(IpcSenderRejected);
    await expect(invoke(null, 'day.pdf')).rejects.toBeInstanceOf(IpcSenderRejected);
    await expect(invoke('app://dispatch/index.html', { name: 'x' })).rejects.toBeInstanceOf(SavePdfError);
    expect(deps.showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('pdfFileName', () => {
  it('keeps a plain name, ends it in .pdf, and strips folders and reserved characters', () => {
    expect(pdfFileName('day-2026-03-03.pdf')).toBe('day-2026-03-03.pdf');
    expect(pdfFileName('day')).toBe('day.pdf');
    expect(pdfFileName('../../etc/passwd')).toBe('etc-passwd.pdf');
    expect(pdfFileName('a:b*c?.PDF')).toBe('a-b-c-.pdf');
    expect(pdfFileName('')).toBe('dispatch.pdf');
    expect(() => pdfFileName('x'.repeat(121))).toThrow(SavePdfError);
  });
});
