import type { DocumentData } from '../.shared/db';
import { AppError, invalidArgument } from '../.shared/errors';
import type { ProfileResult } from '../../miniprogram/contracts/results';
import { action, type Context } from '../.shared/handler';
import { deleteUserFiles, isOwnAvatar, registerUpload, sweepUploads } from '../.shared/user-files';
import { USERS, toPublicUser } from '../.shared/users';
import { requiredString, type Fields } from '../.shared/validate';
import { normaliseNickname } from './nickname';
import { checkProfileText } from './wechat';

export interface UpdateProfileEvent {
  nickname?: string;
  avatarFileId?: string;
}

function parse(fields: Fields): UpdateProfileEvent {
  const event: UpdateProfileEvent = {};
  if (fields.nickname !== undefined) event.nickname = normaliseNickname(fields.nickname);
  if (fields.avatarFileId !== undefined) event.avatarFileId = requiredString(fields, 'avatarFileId', 512);
  if (event.nickname === undefined && event.avatarFileId === undefined) {
    throw invalidArgument('没有需要保存的修改');
  }
  return event;
}

/** The avatar must be a file the caller uploaded into their own folder, and must exist. */
async function checkAvatar({ cloud }: Context, openid: string, fileId: string): Promise<void> {
  if (!isOwnAvatar(openid, fileId)) throw new AppError('FORBIDDEN', '头像文件无效，请重新选择头像');
  const { fileList } = (await cloud.getTempFileURL({ fileList: [fileId] })) as {
    fileList?: { status?: number }[];
  };
  if (fileList?.[0]?.status !== 0) throw new AppError('NOT_FOUND', '头像上传未完成，请重新选择头像');
}

/**
 * Changes nickname and/or avatar. Every check (avatar ownership and existence, the
 * content check) runs before the first write, so a refusal means nothing was saved.
 * The new avatar is noted in the uploads ledger before the record points to it; the
 * replaced one is removed afterwards (best effort: a failure leaves it in the ledger for
 * the next sweep). The answer is built from what was written, with no read after it.
 */
export const updateProfile = action({
  account: 'required',
  parse,
  // No account (never made, or deleted while the avatar was uploading): nothing can ever
  // point to the upload, so it goes now instead of staying behind the deleted account.
  async withoutAccount({ avatarFileId }, context) {
    if (avatarFileId === undefined) return;
    await deleteUserFiles(context, context.caller.openid, [avatarFileId]).catch((error: unknown) =>
      console.warn('[user] could not remove an upload of a missing account', error),
    );
  },
  async run(event, context): Promise<ProfileResult> {
    const { caller, db, cloud, user } = context;
    const changes: DocumentData = { updatedAt: db.serverDate() };
    const next = { ...user };
    const newAvatar = event.avatarFileId !== undefined && event.avatarFileId !== user.avatarFileId;
    if (newAvatar) await checkAvatar(context, caller.openid, event.avatarFileId as string);
    if (event.nickname !== undefined && event.nickname !== user.nickname) {
      await checkProfileText(cloud, caller.openid, event.nickname);
      changes.nickname = next.nickname = event.nickname;
    }
    if (newAvatar) {
      await registerUpload(db, caller.openid, event.avatarFileId as string);
      changes.avatarFileId = next.avatarFileId = event.avatarFileId;
    }
    await db.collection(USERS).doc(caller.openid).update({ data: changes });
    if (newAvatar) {
      if (user.avatarFileId) {
        await deleteUserFiles(context, caller.openid, [user.avatarFileId]).catch((error: unknown) =>
          console.warn('[user] the replaced avatar stays for the next sweep', error),
        );
      }
      await sweepUploads(context, caller.openid, next.avatarFileId as string);
    }
    return { user: toPublicUser(next) };
  },
});
