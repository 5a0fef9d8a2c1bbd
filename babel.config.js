// Only used by jest, to turn the ES modules shipped by tdesign-miniprogram and
// mobx-miniprogram into CommonJS. Project TypeScript goes through ts-jest.
module.exports = {
  presets: [['@babel/preset-env', { targets: { node: 'current' } }]],
};
