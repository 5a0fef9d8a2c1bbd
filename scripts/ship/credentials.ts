/**
 * Who is sending: the appid of project.config.json and its code upload key, from
 * MINIPROGRAM_PRIVATE_KEY (the key's text, e.g. a CI secret) or the file
 * `private.<appid>.key` in the project root (git-ignored; WeChat's download is named so).
 * Every failure says what to do.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { appidProblem } from '../app-ids';
import { FixableError } from './command';
import type { CiProject } from './wechat-ci';

export const KEY_ENV = 'MINIPROGRAM_PRIVATE_KEY';
export const KEY_FILE = /^private\.(.+)\.key$/;

const WHERE_KEY =
  '小程序管理后台 → 开发 → 开发管理 → 开发设置 → 小程序代码上传 → 生成“代码上传密钥”（下载的文件名是 private.<AppID>.key）';

export function projectAppid(root: string): string {
  const config = JSON.parse(readFileSync(path.join(root, 'project.config.json'), 'utf8')) as {
    appid?: unknown;
  };
  const appid = typeof config.appid === 'string' ? config.appid : '';
  const problem = appidProblem(appid);
  if (problem) throw new FixableError(`${problem}。可以运行 npm run init -- --appid <你的 AppID>`);
  return appid;
}

export function ciProject(root: string, env: NodeJS.ProcessEnv = process.env): CiProject {
  const appid = projectAppid(root);
  const fromEnv = env[KEY_ENV]?.trim();
  if (fromEnv) return { appid, projectPath: root, privateKey: checkedKey(fromEnv, `环境变量 ${KEY_ENV}`) };
  const file = path.join(root, `private.${appid}.key`);
  if (existsSync(file))
    return {
      appid,
      projectPath: root,
      privateKey: checkedKey(readFileSync(file, 'utf8'), `private.${appid}.key`),
    };
  const others = readdirSync(root).filter((name) => KEY_FILE.test(name));
  if (others.length > 0)
    throw new FixableError(
      `找到的密钥 ${others.join('、')} 不属于 project.config.json 的 AppID ${appid}：` +
        `密钥只能用于生成它的小程序。确认 AppID 是否填对（npm run init -- --appid <AppID>），或下载 ${appid} 的密钥（${WHERE_KEY}）`,
    );
  throw new FixableError(
    `没有代码上传密钥：把 ${appid} 的密钥放在项目根目录的 private.${appid}.key（已被 git 忽略），` +
      `或把密钥内容放进环境变量 ${KEY_ENV}。获取：${WHERE_KEY}`,
  );
}

function checkedKey(text: string, source: string): string {
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(text))
    throw new FixableError(
      `${source} 不是代码上传密钥（应以 -----BEGIN RSA PRIVATE KEY----- 开头）。重新下载：${WHERE_KEY}`,
    );
  return `${text.trim()}\n`;
}
