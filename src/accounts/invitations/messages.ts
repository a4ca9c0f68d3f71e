/** Strings of invitations: the form administrators send them with, and the page the invitee opens. */
import { defineMessages } from '../../platform/i18n';

export const invitationMessages = defineMessages(
  {
    form: {
      title: '職員を招待する',
      intro:
        '招待する方のメールアドレスに、アカウント登録用のリンクを送ります。リンクの有効期限は7日間です。受け取った方がパスワードを設定すると、アカウントが作成されます。',
      chooseIntro: 'まず、招待する方の所属組織を選んでください。組織の種類によって、選べる役割が決まります。',
      organisation: '所属組織',
      choose: '選択してください',
      next: '次へ',
      change: '所属組織を選び直す',
      kinds: { council: '協議会', corporation: '社会福祉法人', agency: '相談支援機関' },
      name: '氏名',
      nameHint: '例: 山田 花子',
      email: 'メールアドレス',
      emailHint: '招待メールの送信先で、ログインにも使います。',
      role: '役割',
      facilities: '担当事業所(受入担当の場合)',
      facilitiesHint:
        '受入担当として招待する場合に選んでください。登録後にアカウントのページで変更することもできます。',
      noFacilities:
        'この法人には、まだ事業所が登録されていません。事業所は登録後にアカウントのページで割り当てられます。',
      submit: '招待メールを送信する',
      roleHints: {
        council_admin: 'すべての組織のアカウントを管理します。',
        council_staff: '事務局の業務を行います。',
        corporation_admin: '法人の事業所と職員アカウントを管理します。',
        facility_coordinator: '担当する事業所で受け入れを行います。',
        counsellor: '就労希望者の相談・支援を行います。',
      },
    },
    errors: {
      emailInUse: 'このメールアドレスのアカウントはすでに登録されています',
      invitationPending:
        'このメールアドレスには有効な招待を送信済みです。送り直す場合は、アカウント管理の「招待中」から取り消してください',
      organisationRequired: '所属組織を選んでください',
      roleRequired: '役割を選んでください',
      facilityNotOfOrganisation: 'この法人の事業所を選んでください',
    },
    accept: {
      title: 'アカウントの登録',
      intro: (organisation: string) =>
        `${organisation}の職員として、はたらくサポートとうきょうの業務システムに招待されています。パスワードを設定して登録を完了してください。`,
      name: '氏名',
      email: 'メールアドレス(ログインID)',
      organisation: '所属',
      role: '役割',
      expiresAt: 'この招待の有効期限',
      password: 'パスワード',
      passwordConfirmation: 'パスワード(確認)',
      passwordConfirmationHint: '確認のため、同じパスワードをもう一度入力してください。',
      submit: '登録する',
      twoFactorNote: '登録後、ログインするときに2段階認証の設定を求められることがあります。',
    },
    gone: {
      title: 'この招待リンクは使えません',
      expired:
        'この招待の有効期限(7日間)が過ぎています。お手数ですが、招待した方にもう一度招待を送るよう依頼してください。',
      revoked: 'この招待は取り消されました。ご不明な点は、招待した方にお問い合わせください。',
      accepted: 'この招待はすでに使われ、アカウントは登録済みです。ログイン画面からログインしてください。',
      unknown: 'リンクが正しくないか、すでに使えなくなっています。メールのリンクを省略せずに開いてください。',
      emailInUse:
        'このメールアドレスのアカウントはすでに登録されています。ログイン画面からログインしてください。',
      toLogin: 'ログイン画面へ',
    },
  },
  {
    form: {
      title: 'Invite a staff member',
      intro:
        'We e-mail the person a link to register. The link is valid for 7 days. Their account is created when they set a password.',
      chooseIntro:
        'First choose the organisation the person belongs to. Its kind decides which roles you can choose.',
      organisation: 'Organisation',
      choose: 'Choose',
      next: 'Next',
      change: 'Choose another organisation',
      kinds: { council: 'Council', corporation: 'Social welfare corporation', agency: 'Consultation agency' },
      name: 'Name',
      nameHint: 'e.g. Hanako Yamada',
      email: 'E-mail address',
      emailHint: 'The invitation goes here, and the person signs in with it.',
      role: 'Role',
      facilities: 'Facilities (for facility coordinators)',
      facilitiesHint:
        'Choose when inviting a facility coordinator. You can change them later on the account page.',
      noFacilities:
        'This corporation has no facilities yet. Assign them on the account page after registration.',
      submit: 'Send invitation',
      roleHints: {
        council_admin: 'Manages every organisation’s accounts.',
        council_staff: 'Works in the council secretariat.',
        corporation_admin: 'Manages the corporation’s facilities and staff accounts.',
        facility_coordinator: 'Handles acceptance at their facilities.',
        counsellor: 'Counsels and supports participants.',
      },
    },
    errors: {
      emailInUse: 'An account with this e-mail address already exists',
      invitationPending:
        'An open invitation was already sent to this address. To send another, revoke it under Open invitations first',
      organisationRequired: 'Choose an organisation',
      roleRequired: 'Choose a role',
      facilityNotOfOrganisation: 'Choose facilities of this corporation',
    },
    accept: {
      title: 'Register your account',
      intro: (organisation: string) =>
        `You are invited to Hataraku as a staff member of ${organisation}. Set a password to finish registering.`,
      name: 'Name',
      email: 'E-mail address (sign-in ID)',
      organisation: 'Organisation',
      role: 'Role',
      expiresAt: 'This invitation expires',
      password: 'Password',
      passwordConfirmation: 'Password (again)',
      passwordConfirmationHint: 'Enter the same password again to confirm it.',
      submit: 'Register',
      twoFactorNote: 'When you sign in, you may be asked to set up two-step verification.',
    },
    gone: {
      title: 'This invitation link cannot be used',
      expired:
        'This invitation has expired (after 7 days). Please ask the person who invited you to invite you again.',
      revoked: 'This invitation was revoked. Please ask the person who invited you.',
      accepted: 'This invitation was already used and the account exists. Please sign in.',
      unknown: 'The link is wrong or no longer works. Open the whole link from the e-mail.',
      emailInUse: 'An account with this e-mail address already exists. Please sign in.',
      toLogin: 'Go to sign-in',
    },
  },
);

export type InvitationMessages = (typeof invitationMessages)['ja'];
