import type { Article } from '../data/articles';

/**
 * The sample articles: the template's demo content, and the only thing in this folder.
 * `npm run demo:remove` deletes the folder (README "用作新项目的模板").
 */
export const demoArticles: readonly Article[] = [
  {
    id: 'guest-first',
    title: '先浏览，再登录',
    summary: '为什么小程序启动时不应该弹出登录',
    paragraphs: [
      '微信的登录规范要求：用户在了解小程序之前，不应被要求登录。启动时弹窗或跳转登录页，会在审核中被驳回。',
      '好的做法是先让游客看到真实内容，只有当用户想做需要账号的事（比如收藏）时，再说明原因并请他登录，同时永远提供“暂不登录”。',
    ],
  },
  {
    id: 'avatar-nickname',
    title: '头像昵称填写能力',
    summary: 'getUserProfile 已不再返回真实头像昵称',
    paragraphs: [
      '自 2022 年 11 月起，wx.getUserProfile 与 wx.getUserInfo 只返回灰色头像和“微信用户”。',
      '获取头像请使用 open-type="chooseAvatar" 的按钮，昵称使用 type="nickname" 的输入框，并把头像上传到云存储后保存文件 ID。',
    ],
  },
  {
    id: 'privacy-guide',
    title: '隐私保护指引',
    summary: '隐私接口需要用户先同意隐私协议',
    paragraphs: [
      '选择头像、填写昵称、获取手机号、读写剪贴板等隐私接口，需要用户先同意小程序的隐私保护指引。',
      '通过 wx.onNeedPrivacyAuthorization 监听并弹出自己的隐私弹窗，用户点击同意按钮后，被挂起的接口才会继续执行。',
    ],
  },
  {
    id: 'openid-unionid',
    title: 'openid 与 unionid',
    summary: '用户标识从哪里来，能不能信',
    paragraphs: [
      'openid 是用户在一个小程序中的唯一标识，unionid 只有在小程序绑定开放平台账号后才有。',
      '使用云开发时，云函数通过 cloud.getWXContext() 读取身份，永远不要信任客户端传来的 openid。',
    ],
  },
  {
    id: 'url-link-rules',
    title: 'URL Scheme 与 URL Link',
    summary: '外部打开小程序的链接最长 30 天有效',
    paragraphs: [
      '自 2022 年 4 月 11 日起，URL Scheme 和 URL Link 不再支持永久有效，最长有效期为 30 天。',
      '建议在短信或网页中打开时再实时生成链接，既保证有效，也节省每天 50 万次的调用额度。',
    ],
  },
];
