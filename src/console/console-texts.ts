// The console shell's own words (layout, sign-in, sessions, errors), Vietnamese first. Each other
// console module keeps its texts beside it (case/case-texts.ts, admin/admin-texts.ts).
export type ConsoleLang = 'vi' | 'en';

const vi = {
  appName: 'Lắng Nghe — Bàn làm việc',
  skip: 'Bỏ qua, đến nội dung chính',
  navLabel: 'Mục chính',
  nav: {
    inbox: 'Hộp thư',
    letters: 'Sổ công văn',
    reports: 'Báo cáo',
    admin: 'Quản trị',
    sessions: 'Phiên đăng nhập',
  },
  signOut: 'Đăng xuất',
  switchLang: 'English',
  signInTitle: 'Đăng nhập bàn làm việc',
  signInButton: 'Đăng nhập',
  signInIntro: 'Bấm "Đăng nhập" để mở bàn làm việc trên trình duyệt này. Liên kết chỉ dùng được một lần.',
  signInHowTo:
    'Để nhận liên kết đăng nhập, hãy gửi lệnh /dangnhap cho bot Lắng Nghe trong cuộc trò chuyện riêng (không gửi trong nhóm). Tài khoản Telegram phải đã tham gia bằng /thamgia. Quản trị viên không dùng Telegram có thể lấy liên kết bằng lệnh: langnghe console:link.',
  signInRefused: 'Không đăng nhập được',
  signInAgain: 'Hãy gửi /dangnhap cho bot để nhận liên kết mới.',
  signedOut: 'Bạn đã đăng xuất.',
  errorTitle: 'Không thực hiện được',
  notFoundTitle: 'Không tìm thấy',
  forbiddenTitle: 'Không có quyền',
  staleForm: 'Biểu mẫu đã cũ hoặc không được gửi từ bàn làm việc này. Vui lòng tải lại trang và thử lại.',
  signInRequired: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
  failure: 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau ít phút.',
  badRequest: 'Yêu cầu không hợp lệ. Vui lòng thử lại.',
  tooLarge: 'Nội dung gửi lên quá lớn. Vui lòng rút gọn nội dung.',
  back: 'Về hộp thư',
};

const en: typeof vi = {
  appName: 'Lắng Nghe — Console',
  skip: 'Skip to main content',
  navLabel: 'Main',
  nav: {
    inbox: 'Inbox',
    letters: 'Letter register',
    reports: 'Reports',
    admin: 'Administration',
    sessions: 'Sessions',
  },
  signOut: 'Sign out',
  switchLang: 'Tiếng Việt',
  signInTitle: 'Sign in to the console',
  signInButton: 'Sign in',
  signInIntro: 'Press "Sign in" to open the console in this browser. The link works once.',
  signInHowTo:
    'To get a sign-in link, send /dangnhap (or /signin) to the Lắng Nghe bot in a private chat (not in a group). Your Telegram account must have joined with /thamgia. An administrator without Telegram can get a link with: langnghe console:link.',
  signInRefused: 'Could not sign in',
  signInAgain: 'Send /dangnhap to the bot for a new link.',
  signedOut: 'You are signed out.',
  errorTitle: 'Not done',
  notFoundTitle: 'Not found',
  forbiddenTitle: 'Not allowed',
  staleForm: 'The form is old or was not sent from this console. Reload the page and try again.',
  signInRequired: 'Your session has ended. Please sign in again.',
  failure: 'Something went wrong on our side. Please try again in a few minutes.',
  badRequest: 'The request is not valid. Please try again.',
  tooLarge: 'What was sent is too large. Please shorten it.',
  back: 'Back to the inbox',
};

export type ConsoleTexts = typeof vi;
export const CONSOLE_TEXTS: Record<ConsoleLang, ConsoleTexts> = { vi, en };

export const consoleTexts = (lang: ConsoleLang): ConsoleTexts => CONSOLE_TEXTS[lang];
