/**
 * QR code images like the one WeChat's preview answers with (a JPEG), and reading one
 * back: drawn from qrcode-terminal's encoder and read with qrcode-reader, the libraries
 * miniprogram-ci itself uses, resolved from its install.
 */
import { createRequire } from 'node:module';

const fromCi = createRequire(createRequire(__filename).resolve('miniprogram-ci'));
const fromTerminal = createRequire(fromCi.resolve('qrcode-terminal'));

interface Bitmap {
  width: number;
  height: number;
  data: Buffer;
}
interface JimpImage {
  bitmap: Bitmap;
  setPixelColor(color: number, x: number, y: number): void;
  getBufferAsync(mime: string): Promise<Buffer>;
}
interface JimpStatic {
  new (
    width: number,
    height: number,
    background: number,
    callback: (error: unknown, image: JimpImage) => void,
  ): JimpImage;
  read(data: Buffer): Promise<JimpImage>;
  MIME_JPEG: string;
}

const Jimp = () => fromCi('jimp') as JimpStatic;

/** A JPEG of the QR code for `text`, 8 pixels a module with a 4-module quiet zone. */
export async function qrJpegBase64(text: string): Promise<string> {
  const QRCode = fromTerminal('../vendor/QRCode') as new (
    type: number,
    level: number,
  ) => {
    addData(text: string): void;
    make(): void;
    getModuleCount(): number;
    isDark(row: number, col: number): boolean;
  };
  const level = (fromTerminal('../vendor/QRCode/QRErrorCorrectLevel') as { L: number }).L;
  const code = new QRCode(-1, level);
  code.addData(text);
  code.make();
  const scale = 8;
  const size = (code.getModuleCount() + 8) * scale;
  const JimpClass = Jimp();
  const image = await new Promise<JimpImage>((resolve, reject) => {
    new JimpClass(size, size, 0xffffffff, (error, made) => (error ? reject(error) : resolve(made)));
  });
  for (let y = 0; y < size; y += 1)
    for (let x = 0; x < size; x += 1) {
      const row = Math.floor(y / scale) - 4;
      const col = Math.floor(x / scale) - 4;
      const inside = row >= 0 && col >= 0 && row < code.getModuleCount() && col < code.getModuleCount();
      if (inside && code.isDark(row, col)) image.setPixelColor(0x000000ff, x, y);
    }
  return (await image.getBufferAsync(JimpClass.MIME_JPEG)).toString('base64');
}

/** The text of the QR code in an image file's bytes. */
export async function readQr(bytes: Buffer): Promise<string> {
  const image = await Jimp().read(bytes);
  const QrReader = fromCi('qrcode-reader') as new () => {
    callback: (error: unknown, value?: { result: string }) => void;
    decode(bitmap: Bitmap): void;
  };
  return new Promise((resolve, reject) => {
    const reader = new QrReader();
    reader.callback = (error, value) =>
      error || !value ? reject(error ?? new Error('no QR code')) : resolve(value.result);
    reader.decode(image.bitmap);
  });
}

/** The text qrcode-terminal prints for `text`: what the terminal should show. */
export function terminalRendering(text: string): Promise<string> {
  const terminal = fromCi('qrcode-terminal') as {
    generate(text: string, done: (output: string) => void): void;
  };
  return new Promise((resolve) => terminal.generate(text, resolve));
}
