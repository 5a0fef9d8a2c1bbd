/**
 * The preview QR code WeChat returns (an image, base64): saved as a PNG and drawn in the
 * terminal. Uses miniprogram-ci's own image tools (Jimp, and its terminal QR renderer,
 * which reads the code and redraws it with qrcode-terminal), resolved from its install.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const fromCi = createRequire(createRequire(__filename).resolve('miniprogram-ci'));

interface JimpImage {
  getBufferAsync(mime: string): Promise<Buffer>;
}
interface JimpStatic {
  read(data: Buffer): Promise<JimpImage>;
  MIME_PNG: string;
}

/** Writes the image as a PNG (WeChat may answer with a JPEG). */
export async function saveQrPng(base64: string, file: string): Promise<void> {
  const Jimp = fromCi('jimp') as JimpStatic;
  const image = await Jimp.read(Buffer.from(base64, 'base64'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, await image.getBufferAsync(Jimp.MIME_PNG));
}

/** The QR code as terminal text (ANSI blocks), read from the image and redrawn. */
export async function terminalQr(base64: string): Promise<string> {
  const { generateTerminalQrcode } = fromCi('./ci/utils/terminalQrcode') as {
    generateTerminalQrcode(base64: string): Promise<string>;
  };
  return generateTerminalQrcode(base64);
}
