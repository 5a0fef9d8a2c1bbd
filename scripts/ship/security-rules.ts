/**
 * The permissions no API sets: database permissions and the storage rule, read from
 * security/ and printed with where to paste them in the Cloud Development console.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function securityInstructions(root: string, env: string): string[] {
  const read = (file: string) => readFileSync(path.join(root, 'security', file), 'utf8');
  const database = JSON.parse(read('database.rules.json')) as Record<string, unknown>;
  return [
    `还需要在云开发控制台（环境 ${env}）手动设置的权限（没有可用的 API），内容来自 security/：`,
    '数据库 → 选中集合 → 权限设置 → 自定义安全规则，每个集合粘贴：',
    ...Object.entries(database).map(([collection, rule]) => `  ${collection}: ${JSON.stringify(rule)}`),
    '存储 → 权限设置 → 自定义安全规则，粘贴 security/storage.rules.json 的全部内容：',
    ...read('storage.rules.json')
      .trimEnd()
      .split('\n')
      .map((line) => `  ${line}`),
  ];
}
