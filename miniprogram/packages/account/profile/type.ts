import type { PublicUser } from '../services/profile';
import type { SessionStatus } from '../../../stores/session';
import type { ProfileCapabilities } from '../utils/profile-capabilities';

/** 个人资料's shape. */
export interface ProfileData {
  caps: ProfileCapabilities;
  nickname: string;
  savedNickname: string;
  avatarUrl: string;
  /** A chosen avatar (temporary local path), uploaded on save. */
  avatarTempPath: string;
  dirty: boolean;
  /** The nickname input was focused: it may hold a value no event told us about. */
  editing: boolean;
  saving: boolean;
  savingText: string;
  error: string;
  nicknameHint: string;
  phoneBusy: boolean;
}

export interface ProfileBound {
  status: SessionStatus;
  user: PublicUser | null;
}
