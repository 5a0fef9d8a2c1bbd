/**
 * Placeholder legal texts shipped with the template. Replace them with your own; the
 * privacy guide that WeChat shows (wx.openPrivacyContract) is the one you fill in at
 * mp.weixin.qq.com → 设置 → 服务内容声明 → 用户隐私保护指引.
 */
export interface LegalDoc {
  title: string;
  paragraphs: string[];
}

export const legalDocs: Record<'terms' | 'privacy', LegalDoc> = {
  terms: {
    title: '用户协议（示例）',
    paragraphs: [
      '本协议是模板示例文本，请在发布前替换为你自己的用户协议。',
      '你可以不登录浏览本小程序的全部公开内容。登录后，你可以收藏内容并设置头像和昵称。',
      '你可以随时在“我的”页面退出登录。',
    ],
  },
  privacy: {
    title: '隐私保护指引（示例）',
    paragraphs: [
      '本指引是模板示例文本。微信客户端展示的隐私保护指引以小程序管理后台中填写的内容为准。',
      '登录时我们获取你在本小程序中的身份标识（openid），用于识别你的账号并保存你的收藏。',
      '只有当你主动填写时，我们才会保存你的头像和昵称。你可以随时删除这些信息。',
    ],
  },
};
