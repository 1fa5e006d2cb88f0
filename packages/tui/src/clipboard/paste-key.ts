// The Ctrl+V key of the composer: the clipboard's image becomes a temp PNG attached as
// `[Image #N]` (sent as a `local_image` input), or a notice says why there is none. Loaded
// at the first Ctrl+V; the temp files of this process are removed when it exits.
import { NoticeCell, type Cell } from '../cells/cell.js';
import type { Composer } from '../composer/composer.js';
import { ClipboardImages } from './paste-image.js';

export interface PasteImageHost {
  readonly composer: Composer;
  show(cell: Cell): void;
  requestFrame(): void;
}

let images: ClipboardImages | undefined;

function shared(): ClipboardImages {
  if (!images) {
    const own = new ClipboardImages({ env: process.env });
    images = own;
    process.once('exit', () => own.removeAll());
  }
  return images;
}

/** Read the clipboard's image and attach it at the cursor. */
export async function pasteClipboardImage(app: PasteImageHost): Promise<void> {
  try {
    const file = await shared().pasteToTemp();
    if (!app.composer.attachImagePath(file)) throw new Error(`${file} could not be read back as an image`);
  } catch (err: unknown) {
    app.show(new NoticeCell(`Failed to paste image: ${(err as Error).message}`, 'error'));
  }
  app.requestFrame();
}
