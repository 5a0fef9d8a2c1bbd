/** @jest-environment node */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  templateSources,
  usedTags,
  withoutUnusedComponents,
} from '../../scripts/npm-subset/unused-components';

describe('component declarations nothing renders', () => {
  it('drops a declared tag no WXML uses, keeps the used ones and the rest of the json', () => {
    const json =
      '{"component":true,"styleIsolation":"apply-shared","usingComponents":{"t-cell":"../cell/cell","t-icon":"../icon/icon"}}';
    const changed = withoutUnusedComponents(json, ['<view><t-icon name="add" /></view>']);
    expect(JSON.parse(changed ?? '{}')).toEqual({
      component: true,
      styleIsolation: 'apply-shared',
      usingComponents: { 't-icon': '../icon/icon' },
    });
    expect(withoutUnusedComponents(json, ['<t-cell/>', '<t-icon/>'])).toBeNull();
  });

  it('counts tags used by an imported template (avatar draws t-icon through common/template/icon.wxml)', () => {
    const avatar = '<import src="../common/template/icon.wxml"/><template is="icon" data="{{name}}"/>';
    expect(templateSources(avatar)).toEqual(['../common/template/icon.wxml']);
    const json = '{"usingComponents":{"t-icon":"../icon/icon"}}';
    expect(withoutUnusedComponents(json, [avatar])).not.toBeNull();
    expect(
      withoutUnusedComponents(json, [avatar, '<template name="icon"><t-icon name="{{name}}"/></template>']),
    ).toBeNull();
  });

  it('leaves the account copy with only components something renders', () => {
    const copy = path.resolve(
      __dirname,
      '../../miniprogram/packages/account/miniprogram_npm/tdesign-miniprogram',
    );
    const stepper = JSON.parse(readFileSync(path.join(copy, 'stepper/stepper.json'), 'utf8')) as {
      usingComponents: Record<string, string>;
    };
    const wxml = readFileSync(path.join(copy, 'stepper/stepper.wxml'), 'utf8');
    for (const tag of Object.keys(stepper.usingComponents)) expect(usedTags([wxml]).has(tag)).toBe(true);
  });
});
