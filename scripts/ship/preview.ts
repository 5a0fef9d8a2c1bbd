/**
 * npm run preview — the app on your phone: builds, runs WeChat's compile and checks, then
 * asks WeChat for a preview QR code (miniprogram-ci `preview`), drawn in the terminal and
 * saved as a PNG. Scan it with WeChat (the account must be the app's developer).
 *
 * Usage: npm run preview -- [--robot 1-30] [--desc <text>] [--page pages/x/index] [--qr <file.png>]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { explainCiError } from './ci-errors';
import { type ShipContext, robotOption, runCommand, terminalContext } from './command';
import { ciProject } from './credentials';
import { gitDescription } from './git-description';
import { checkedMiniProgram } from './preflight';
import { saveQrPng, terminalQr } from './qr-code';

export interface PreviewOptions {
  robot: number;
  desc?: string;
  pagePath?: string;
  /** Where the QR code PNG is saved (relative to the project). */
  qrFile: string;
}

export const DEFAULT_QR_FILE = 'preview-qrcode.png';

export function parsePreviewArgs(argv: string[]): PreviewOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      robot: { type: 'string' },
      desc: { type: 'string' },
      page: { type: 'string' },
      qr: { type: 'string' },
    },
    strict: true,
  });
  return {
    robot: robotOption(values.robot),
    desc: values.desc,
    pagePath: values.page,
    qrFile: values.qr ?? DEFAULT_QR_FILE,
  };
}

/** Resolves with the saved PNG's absolute path. */
export async function preview(context: ShipContext, options: PreviewOptions): Promise<string> {
  const { root, ci, log } = context;
  const project = ciProject(root, context.env);
  const desc = options.desc ?? gitDescription(root);
  await checkedMiniProgram(root, log);
  log(`请求预览二维码（AppID ${project.appid}，机器人 ${options.robot}）…`);
  let qrcodeBase64: string;
  try {
    ({ qrcodeBase64 } = await ci.preview({
      project,
      robot: options.robot,
      desc,
      qrcodeFormat: 'base64',
      pagePath: options.pagePath,
    }));
  } catch (error) {
    throw explainCiError(error, { appid: project.appid });
  }
  const file = path.resolve(root, options.qrFile);
  await saveQrPng(qrcodeBase64, file);
  log(await terminalQr(qrcodeBase64));
  log(`用微信扫描上面的二维码（需是该小程序的开发者）；二维码图片：${file}`);
  return file;
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  runCommand(async () => {
    await preview(terminalContext(), parsePreviewArgs(process.argv.slice(2)));
  });
}
