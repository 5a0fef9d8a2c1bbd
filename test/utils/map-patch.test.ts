import { mapPatch } from '../../miniprogram/utils/map-patch';

describe('mapPatch', () => {
  it('sends only the ids that changed, as paths', () => {
    expect(mapPatch('favoriteMap', { a: true, b: true }, ['a', 'c'])).toEqual({
      'favoriteMap.c': true,
      'favoriteMap.b': false,
    });
  });

  it('clears an emptied set in one small write, and sends nothing for one already empty', () => {
    expect(mapPatch('m', { a: true, b: true }, [])).toEqual({ m: {} });
    expect(mapPatch('m', { a: false }, [])).toEqual({});
  });

  it('sends nothing when nothing changed, and treats false as absent', () => {
    expect(mapPatch('m', { a: true, b: false }, ['a'])).toEqual({});
    expect(mapPatch('m', { a: false }, ['a'])).toEqual({ 'm.a': true });
  });
});
