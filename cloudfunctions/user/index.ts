import type { DocumentData } from '../.shared/db';
import { AppError, invalidArgument } from '../.shared/errors';
import { defineFunction, type Context, type UserCaller } from '../.shared/handler';
import { avatarFolder, findUser, toPublicUser, type PublicUser, type UserRecord } from '../.shared/users';
import { oneOf, requiredString, type Fields } from '../.shared/validate';
import { normaliseNickname } from './nickname';
import { checkProfileText, exchangePhoneCode } from './wechat';

/**
 * The caller's own profile: read it, change nickname/avatar, bind a phone number, or
 * delete the account with everything stored for it (the right to delete personal data).
 */
export type UserEvent =
  | { action: 'getProfile' }
  | { action: 'updateProfile'; nickname?: string; avatarFileId?: string }
  | { action: 'bindPhone'; code: string }
  | { action: 'deleteAccount' };

export interface ProfileResult {
  user: PublicUser;
}

export interface DeleteResult {
  deleted: true;
  removedFiles: number;
}

const ACTIONS = ['getProfile', 'updateProfile', 'bindPhone', 'deleteAccount'] as const;
const FILE_ID = /^cloud:\/\/[\w.-]+\/(.+)$/;

function parse(fields: Fields): UserEvent {
  const action = oneOf(fields, 'action', ACTIONS);
  switch (action) {
    case 'updateProfile': {
      const event: UserEvent = { action };
      if (fields.nickname !== undefined) event.nickname = normaliseNickname(fields.nickname);
      if (fields.avatarFileId !== undefined) event.avatarFileId = requiredString(fields, 'avatarFileId', 512);
      if (event.nickname === undefined && event.avatarFileId === undefined) {
        throw invalidArgument('没有需要保存的修改');
      }
      return event;
    }
    case 'bindPhone':
      return { action, code: requiredString(fields, 'code', 256) };
    case 'deleteAccount':
      // A destructive action needs an explicit confirmation in the event.
      if (fields.confirm !== true) throw invalidArgument('注销账号需要确认（confirm: true）');
      return { action };
    default:
      return { action };
  }
}

async function requireUser(context: Context<UserCaller>): Promise<UserRecord> {
  const record = await findUser(context.db, context.caller.openid);
  if (!record) throw new AppError('NOT_FOUND', '账号不存在，请重新登录');
  return record;
}

/** The avatar must be a file the caller uploaded into their own folder, and must exist. */
async function checkAvatar({ cloud, caller }: Context<UserCaller>, fileId: string): Promise<void> {
  const cloudPath = FILE_ID.exec(fileId)?.[1] ?? '';
  if (!cloudPath.startsWith(avatarFolder(caller.openid)) || cloudPath.includes('..')) {
    throw new AppError('FORBIDDEN', '头像文件无效，请重新选择头像');
  }
  const { fileList } = (await cloud.getTempFileURL({ fileList: [fileId] })) as {
    fileList: { status: number }[];
  };
  if (fileList[0]?.status !== 0) throw new AppError('NOT_FOUND', '头像上传未完成，请重新选择头像');
}

async function deleteFiles(cloud: Context['cloud'], fileIds: string[]): Promise<number> {
  if (fileIds.length === 0) return 0;
  const { fileList } = (await cloud.deleteFile({ fileList: fileIds })) as { fileList: { status: number }[] };
  return fileList.filter((file) => file.status === 0).length;
}

async function updateProfile(
  event: Extract<UserEvent, { action: 'updateProfile' }>,
  context: Context<UserCaller>,
): Promise<ProfileResult> {
  const { caller, db, cloud } = context;
  const before = await requireUser(context);
  const changes: DocumentData = { updatedAt: db.serverDate() };
  if (event.avatarFileId !== undefined && event.avatarFileId !== before.avatarFileId) {
    await checkAvatar(context, event.avatarFileId);
    changes.avatarFileId = event.avatarFileId;
  }
  if (event.nickname !== undefined && event.nickname !== before.nickname) {
    await checkProfileText(cloud, caller.openid, event.nickname);
    changes.nickname = event.nickname;
  }
  await db.collection('users').doc(caller.openid).update({ data: changes });
  // The replaced avatar is no longer referenced by anything: remove it. Best effort: the
  // profile is saved, and a failure here must not make the client think it was not.
  if (changes.avatarFileId && before.avatarFileId) {
    await deleteFiles(cloud, [before.avatarFileId]).catch((error: unknown) =>
      console.warn('[user] could not delete the replaced avatar', before.avatarFileId, error),
    );
  }
  return { user: toPublicUser(await requireUser(context)) };
}

async function bindPhone(code: string, context: Context<UserCaller>): Promise<ProfileResult> {
  const { caller, db, cloud } = context;
  await requireUser(context);
  const phone = await exchangePhoneCode(cloud, code);
  await db
    .collection('users')
    .doc(caller.openid)
    .update({
      data: {
        phoneNumber: phone.purePhoneNumber,
        phoneCountryCode: phone.countryCode,
        updatedAt: db.serverDate(),
      },
    });
  return { user: toPublicUser(await requireUser(context)) };
}

async function deleteAccount(context: Context<UserCaller>): Promise<DeleteResult> {
  const { caller, db, cloud } = context;
  const record = await findUser(db, caller.openid);
  const removedFiles = await deleteFiles(cloud, record?.avatarFileId ? [record.avatarFileId] : []);
  await db.collection('favorites').where({ openid: caller.openid }).remove();
  await db.collection('pings').where({ _id: caller.openid }).remove();
  await db.collection('users').where({ _id: caller.openid }).remove();
  return { deleted: true, removedFiles };
}

export const main = defineFunction({
  parse,
  async run(event, context): Promise<ProfileResult | DeleteResult> {
    switch (event.action) {
      case 'getProfile':
        return { user: toPublicUser(await requireUser(context)) };
      case 'updateProfile':
        return updateProfile(event, context);
      case 'bindPhone':
        return bindPhone(event.code, context);
      case 'deleteAccount':
        return deleteAccount(context);
    }
  },
});
