// What the dialog says in English, for people who choose it or whose app is set to English.
// Vietnamese names of units and organisations stay as they are: they are what is on the wall.
import { governingDeadlineText } from '../deadlines/governing-deadline.js';
import { CASE_KIND_LABELS, CASE_STATUS_LABELS } from '../cases/case-vocabulary.js';
import { TRACKING_CODE_ERROR_MESSAGES } from '../cases/tracking-code.js';
import type { DialogTexts, ReceptionTexts } from './dialog-texts.js';
import { dayOfWeek, formatVietnameseDate, type LocalDate } from '../calendar/local-date.js';
import { RECEIVER_ROLE_LABELS, type ReceiverRole } from '../reception/reception-session.js';

import { VI_TEXTS } from './dialog-texts.vi.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MB = 1024 * 1024;
const size = (bytes: number) =>
  bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const enDate = (date: LocalDate) => `${EN_WEEKDAYS[dayOfWeek(date)]} ${formatVietnameseDate(date)}`;
const enWhen = (date: LocalDate, from: string, to: string) => `${enDate(date)}, ${from}–${to}`;
const enWhere = (b: { mode: string; place: string; meetingLink?: string | undefined }) =>
  b.mode === 'online' ? `Online: ${b.meetingLink ?? ''}` : `Place: ${b.place}`;
const enReceiver = (b: { receiverName: string; receiverRole: ReceiverRole }) =>
  `${b.receiverName} (${RECEIVER_ROLE_LABELS[b.receiverRole].en})`;

const EN_RECEPTION: ReceptionTexts = {
  offerLabel: (o) =>
    `${enDate(o.date)} · ${o.startTime}–${o.endTime} · ${o.receiverName}${o.free <= 0 ? ' (full)' : ''}`,
  sessionPrompt: (caseCode) =>
    [
      '📅 Book an in-person meeting (citizen reception).',
      caseCode
        ? `The meeting will be linked to case ${caseCode}: the officer reads what you sent beforehand.`
        : '',
      'Pick a session below (type /cancel to stop):',
    ]
      .filter(Boolean)
      .join('\n'),
  noSessions: (hotline) =>
    `No citizen reception session has been announced for the coming weeks.${hotline ? ` You can call ${hotline} for help.` : ''}`,
  slotPrompt: (o) => `Session ${enWhen(o.date, o.startTime, o.endTime)}. Pick a time:`,
  full: (next) =>
    next
      ? `Sorry, this session is full. The next free slot: ${enWhen(next.offer.date, next.slot, next.offer.endTime)}, ${enReceiver(next.offer)}.`
      : 'Sorry, this session is full and there is no free slot at the moment.',
  nextFreeLabel: (next) => `✅ Book the next free slot: ${enDate(next.offer.date)} ${next.slot}`,
  limit: (max) =>
    `You already hold ${max} upcoming bookings, the most one person may. Type /mybookings to move or cancel one first.`,
  gone: 'This session no longer takes bookings (cancelled or past). Please pick another one.',
  namePrompt: 'Your full name (so the officer can receive you):',
  phonePrompt: 'A phone number to reach you if the schedule changes (e.g. 0912 345 678):',
  consentPrompt: (organization) =>
    `${organization ?? 'The organisation'} keeps your name and phone number (encrypted) only to organise the meeting and to reach you if it changes. Do you agree?`,
  declined:
    'Booking stopped: a place cannot be held without a name and a phone number. You can still come in person during reception hours.',
  confirmed: (b) =>
    [
      '✅ Your in-person meeting is booked.',
      `Booking reference: ${b.reference}`,
      `When: ${enWhen(b.date, b.slot, b.endTime)}`,
      `Received by: ${enReceiver(b)}`,
      enWhere(b),
      b.caseCode ? `Related case: ${b.caseCode}` : '',
      'Please bring: your citizen ID card (CCCD) or another ID, and any related documents' +
        (b.caseCode ? ` (quote case ${b.caseCode}).` : '.'),
      'You will get a reminder the day before. To move or cancel: use the buttons below, or type /mybookings.',
    ]
      .filter(Boolean)
      .join('\n'),
  moved: (b) => `🔁 Booking ${b.reference} moved to ${enWhen(b.date, b.slot, b.endTime)}.\n${enWhere(b)}`,
  cancelLabel: '❌ Cancel the booking',
  moveLabel: '🔁 Move',
  cancelConfirmPrompt: (b) => `Cancel booking ${b.reference} (${enWhen(b.date, b.slot, b.endTime)})?`,
  cancelYesLabel: '✔️ Yes, cancel it',
  cancelled: (b) => `Booking ${b.reference} is cancelled. Your place goes to someone else.`,
  refused: (reason) =>
    ({
      not_found: 'No booking has this reference.',
      not_yours: 'This booking was made from another account, so it cannot be changed from here.',
      not_booked: 'This booking was already cancelled.',
    })[reason],
  mine: (list) =>
    list.length
      ? [
          'Your bookings:',
          ...list.map((b) => `• ${b.reference}: ${enWhen(b.date, b.slot, b.endTime)} — ${enReceiver(b)}`),
        ].join('\n')
      : 'You have no upcoming booking. Type /book to book one.',
  meetAboutCase: 'Would you like to meet an officer in person about this case? Book a reception slot:',
  sessionCancelled: (reference, date, slot, receiver) =>
    `Sorry, the citizen reception session on ${enDate(date)} at ${slot} (${receiver}) was cancelled, and so was your booking ${reference}. Type /book to pick another session.`,
  bookFromCaseLabel: '📅 Book an in-person meeting',
  caseNotLinked: (code) =>
    `The booking could not be linked to case ${code} (only its sender can link it). You can still book; bring the case code with you.`,
  reminder: (b) => ({
    text: [
      `🔔 Reminder: you have an in-person meeting tomorrow (reference ${b.reference}).`,
      `When: ${enWhen(b.date, b.slot, b.endTime)}`,
      `Received by: ${enReceiver(b)}`,
      enWhere(b),
      'Please bring your ID card and related documents' + (b.caseCode ? ` (case ${b.caseCode}).` : '.'),
    ].join('\n'),
    buttons: [[{ label: '❌ Cancel the booking', value: `bkc:${b.reference}` }]],
  }),
};

export const EN_TEXTS: DialogTexts = {
  locale: 'en',
  kindName: (kind) => CASE_KIND_LABELS[kind].en,
  statusName: (status) => CASE_STATUS_LABELS[status].en,
  formatDate: (date) => `${WEEKDAYS[dayOfWeek(date)]}, ${formatVietnameseDate(date)}`,

  welcome: ({ unit, organization }) =>
    [
      'Hello! This is Lắng Nghe' + (organization ? `, the feedback channel of ${organization}` : '') + '.',
      unit ? `You are writing to ${unit}.` : '',
      'Everything you send is recorded, gets a case code you can follow, and an answer date.',
    ]
      .filter(Boolean)
      .join('\n'),
  menuPrompt: 'What would you like to do? Tap an option below, or type a few words.',
  menuLabels: {
    report: '📝 Report a problem, give feedback',
    petition: '💡 Make a request',
    complaint: '⚖️ Complain about a decision',
    denunciation: '🚨 Denounce a violation',
    praise: '🌷 Praise, say thank you',
    staff: '🏥 Staff feedback (internal)',
    track: '🔎 Track a case',
    booking: '📅 Book an in-person meeting',
    hotline: '☎️ Hotline numbers',
  },
  menuSynonyms: VI_TEXTS.menuSynonyms,
  switchLanguageLabel: '🇻🇳 Tiếng Việt',
  kindPrompt: 'Choose the kind of message:',
  textKeptAskKind: 'We have kept what you wrote. How would you like to send it?',
  notUnderstood: 'Sorry, we did not understand. Please tap a button below, or type it again briefly.',
  ambiguous: (labels) => `Which one do you mean: ${labels.map((l) => `“${l}”`).join(' or ')}?`,
  staleButton: 'That button belongs to an earlier step and no longer works.',
  unitFromLink: (unit, organization) => `Your message will go to ${unit} — ${organization}.`,
  unknownUnitLink:
    'The department code in that QR code is no longer valid. You can still write, and choose the department later.',
  resumePrompt: 'You have an unfinished message. Continue it, or start again?',
  continueLabel: '▶️ Continue',
  restartLabel: '🔄 Start again',

  petitionInfo: (kind) =>
    [
      kind === 'complaint'
        ? 'Please note: under the Law on Complaints (Article 8), a chat message is not yet a complaint.'
        : 'Please note: under the Law on Denunciations (Article 23), a chat message is not yet a denunciation.',
      'The legal time limit starts only when the unit receives a written petition (đơn) you have signed or fingerprinted.',
      'Meanwhile, what you send is received and handled straight away as a report, with a case code and an answer date.',
      '',
      'How would you like to hand in the petition?',
    ].join('\n'),
  petitionLabels: {
    form: '📄 Get a pre-filled form to sign',
    appointment: '📅 Book a meeting with the reception officer',
    reception: '🏢 Where to hand it in',
    later: '⏭ Later, continue',
  },
  receptionDirections: (organization, desk) =>
    [
      `You can hand in the petition at ${desk ?? `the citizen reception desk of ${organization}`}, during office hours.`,
      'Bring an identity document and the case code you will receive, so the officer can join it to this message.',
    ].join('\n'),

  staffCodePrompt:
    'Staff feedback is for employees of the unit. Please enter the staff access code your unit gave you (e.g. ABCD-EFGH-JKMN).',
  staffCodeWrong: (remaining) => `That access code is wrong or no longer valid. ${remaining} attempts left.`,
  staffCodeLocked:
    'Too many wrong access codes. Please ask your unit for the current code and try again later.',
  staffCodeAccepted: (organization) => `Code accepted — ${organization}.`,
  staffModePrompt: [
    'Choose how to send it. To be clear about what each means:',
    '',
    '🔒 Sealed — you get answers: the system keeps an encrypted reply address so answers and notices reach you here. No screen of the system shows it; handlers, leaders and administrators cannot see who you are. Technically, only whoever holds the server’s encryption key could decrypt it.',
    '',
    '👻 No trace: the system stores no link at all between your feedback and your account, so it cannot message you. You get a case code and a secret to look up the answer yourself.',
    '',
    'Either way: details only you know, and attached photos, may still let others guess who you are; the messaging app keeps this chat’s history on its side.',
  ].join('\n'),
  staffModeLabels: { sealed: '🔒 Sealed — answers here', no_trace: '👻 No trace — code only' },
  staffKindPrompt: 'What kind of feedback is it?',

  describePrompt: (kind, audience) => {
    if (kind === 'praise')
      return 'Tell us what pleased you: who helped you and how. Your thanks will reach them and their manager.';
    if (audience === 'staff') return 'Please write your feedback: what the issue is and what you suggest.';
    if (kind === 'petition') return 'Please write what you ask the unit to change or do, and why.';
    return 'Please tell us what happened and how it affected you. You may send several messages.';
  },
  describeTooShort: 'That is a little short. Please add a few details so the officer understands.',
  describeTooLong: (max) => `At most ${max} characters. Anything longer can be sent as an attachment.`,
  describeAppended: 'Added to your message.',

  attachPrompt: (count, max, maxMb) =>
    count
      ? `${count} file(s) received. Send more (up to ${max}), or tap “Done”.`
      : `Any photos, documents or voice notes? Send them here (up to ${max} files, ${maxMb} MB each: images, PDF, Word, Excel, audio). If not, tap “No files”.`,
  attachLabels: { done: '✅ Done', none: '⏭ No files', clear: '🗑 Remove the files sent' },
  fileStored: (name, bytes, count) => `Received “${name}” (${size(bytes)}). ${count} file(s) in total.`,
  fileRefused: (reason, maxMb, max) =>
    ({
      empty: 'The file is empty.',
      too_large: `The file is larger than ${maxMb} MB. Please send a screenshot or a smaller file.`,
      type_not_allowed:
        'That type of file is not accepted: only images, PDF, Word, Excel, PowerPoint and audio.',
      too_many: `At most ${max} files per message.`,
    })[reason],
  attachmentsCleared: 'The files you sent were removed.',
  fileNotHere: 'Files are not taken at this step. You can send them while writing a message.',
  stickerReceived:
    'Thanks for the sticker 🙂 We cannot read stickers: please write in words, or tap a button below.',
  locationNotHere: 'No location is needed at this step.',

  organizationPrompt: 'Which organisation is your message for?',
  unitPrompt: (organization) =>
    `Which department${organization ? ` of ${organization}` : ''} is it about? Tap one, type its name, or tap “Not sure”.`,
  unitSkipLabel: '🤷 Not sure, skip',
  unitNotFound: 'We could not find that department. Please tap one below, or “Not sure”.',

  whenPrompt: 'When did it happen? Type a date and time (e.g. “12/3 around 9 am”) or choose below.',
  whenLabels: { today: 'Today', yesterday: 'Yesterday' },
  wherePrompt: 'Where exactly? (room, floor, bed number…) You may also send a location, or tap “Skip”.',
  locationText: (lat, lon) => `Location: ${lat.toFixed(6)}, ${lon.toFixed(6)}`,
  involvedPrompt: (kind, audience) => {
    if (kind === 'praise') return 'Whom would you like to thank? Name, title or department if you know.';
    if (audience === 'staff') return 'Who or which team is it about? (optional)';
    return 'Was anyone involved? Name, title or a description (e.g. “the night nurse”). Optional.';
  },
  involvedSkipLabel: (kind) => (kind === 'praise' ? '🙏 Thank the whole department' : '⏭ Skip'),
  skipLabel: '⏭ Skip',
  skipSynonyms: ['skip', 'no', 'none', 'not sure', ...VI_TEXTS.skipSynonyms],
  tooLong: (max) => `Please keep it shorter (at most ${max} characters).`,

  contactPrompt: (kind) =>
    [
      'How would you like to receive the answer?',
      '• Leave a phone number: an officer may call to clarify. It is encrypted, kept apart from the case, and every view is logged.',
      '• Answer here: no name or number; the system keeps only an encrypted reply address no officer can see.',
      '• Fully anonymous: nothing about you is kept; you look up the answer with the case code and a secret.',
      ...(kind === 'denunciation'
        ? [
            '',
            'About anonymous denunciations: under the Law on Denunciations (Article 25), a denunciation without a known sender is not handled under the denunciation procedure. If it names the violator and gives checkable information, the unit must still check it or forward it — but there is no obligation to answer without a contact. A denouncer’s identity is always kept secret by law.',
          ]
        : []),
    ].join('\n'),
  contactLabels: {
    named: '📞 Leave a phone number',
    sealed: '💬 Answer here, no name',
    anonymous: '🕶 Fully anonymous',
  },
  phonePrompt: 'Please send your phone number: tap the share button, or type it (e.g. 0912 345 678).',
  phoneInvalid: 'That phone number does not look right. Please type it again, e.g. 0912 345 678.',
  namePrompt: 'Your name? (optional)',
  consentPrompt: (identity, organization) =>
    [
      identity === 'named'
        ? `To handle your message, ${organization ?? 'the unit'} needs to keep your phone number and name (if given).`
        : `To answer you, ${organization ?? 'the unit'} needs to keep an encrypted reply address of this chat.`,
      'Purpose: to clarify and answer this message only, nothing else.',
      identity === 'named'
        ? 'It is encrypted and kept apart from the case; only authorised people may view it, for a stated reason, and every view is logged. You may ask for it to be deleted at any time.'
        : 'It is encrypted, kept apart from the case and used only by the system to send you answers; no screen shows it and nobody — handlers, leaders or administrators — can see who you are. Technically, only whoever holds the server’s encryption key could decrypt it. You may ask for it to be deleted at any time.',
      '(Under the Personal Data Protection Law and Decree 13/2023/NĐ-CP.)',
      '',
      'Do you agree?',
    ].join('\n'),
  consentLabels: { agree: '✅ I agree', decline: '🚫 No — send anonymously' },
  consentDeclined: (audience) =>
    audience === 'staff'
      ? 'No problem. Your feedback will be sent with no trace: look it up with the case code and secret.'
      : 'No problem. Your message will be sent anonymously: look it up with the case code and secret.',

  summaryPrompt: (f) =>
    [
      'Please check before sending:',
      `• Kind: ${f.kind}${f.audience === 'staff' ? ' (staff)' : ''}`,
      `• Message: ${f.text.length > 400 ? `${f.text.slice(0, 400)}…` : f.text}`,
      `• Attachments: ${f.attachments ? `${f.attachments} file(s)` : 'none'}`,
      `• To: ${[f.unit, f.organization].filter(Boolean).join(' — ') || 'not sure (the receiving officer will route it)'}`,
      ...(f.praise ? [] : [`• When: ${f.occurredAt ?? 'not given'}`, `• Where: ${f.place ?? 'not given'}`]),
      `• ${f.praise ? 'To thank' : 'People involved'}: ${f.involved ?? (f.praise ? 'the whole department' : 'not given')}`,
      `• Answer: ${
        f.identity === 'named'
          ? `by phone ${f.contact?.phone ?? ''}${f.contact?.name ? ` (${f.contact.name})` : ''} and here`
          : f.identity === 'sealed'
            ? 'here (sealed: nobody can see who you are)'
            : f.identity === 'no_trace'
              ? 'no trace — look it up with the case code and secret'
              : 'anonymous — look it up with the case code and secret'
      }`,
      ...(f.petition
        ? [`• Signed petition: ${EN_TEXTS.petitionLabels[f.petition].replace(/^\S+\s/, '')}`]
        : []),
    ].join('\n'),
  summaryLabels: { confirm: '✅ Send', edit: '✏️ Edit', cancel: '✖️ Cancel' },
  editPrompt: 'What would you like to change?',
  editLabels: {
    kind: 'Kind',
    staffKind: 'Kind of feedback',
    staffMode: 'Sealed / no trace',
    describe: 'Message',
    attach: 'Attachments',
    unit: 'Department',
    when: 'When',
    where: 'Where',
    involved: 'People involved',
    contact: 'How to answer',
    back: '↩️ Back to the summary',
  },
  missingText: 'The message is empty. Please write it before sending.',

  receipt: (r) =>
    [
      r.audience === 'staff'
        ? '✅ Your staff feedback has been received.'
        : '✅ Your message has been received. Thank you!',
      `Case code: ${r.code}`,
      `Kind: ${CASE_KIND_LABELS[r.kind].en}`,
      `To: ${[r.unit, r.organization].filter(Boolean).join(' — ')}`,
      r.dueOn ? `Answer due: ${WEEKDAYS[dayOfWeek(r.dueOn)]}, ${formatVietnameseDate(r.dueOn)}` : '',
      r.kind === 'complaint' || r.kind === 'denunciation'
        ? 'This is the answer date for what you sent by chat. The legal time limit runs from the day the unit receives your signed petition.'
        : '',
      r.petition === 'form'
        ? r.identity === 'anonymous' || r.identity === 'no_trace'
          ? 'As you wrote anonymously, the form cannot be sent to you; you can get it at the citizen reception desk.'
          : 'The receiving officer will send you a pre-filled form to sign.'
        : '',
      r.petition === 'appointment'
        ? r.identity === 'anonymous' || r.identity === 'no_trace'
          ? 'As you wrote anonymously, a booking is not linked to this case; you can still book with /book and bring the case code.'
          : 'Please pick a citizen reception session below to book your meeting.'
        : '',
      r.followUpSecret
        ? `Secret: ${r.followUpSecret}\nKeep it: it is shown only once. With the case code, it lets you read the answers.`
        : '',
      r.identity === 'named' || r.identity === 'sealed'
        ? 'You will be notified here when the case moves on.'
        : r.identity === 'no_trace'
          ? 'No link between this feedback and your account is stored, so the system cannot message you: please look it up.'
          : 'Your contact is not kept, so the system cannot message you: please look it up.',
      `Track: /track ${r.code}`,
    ]
      .filter(Boolean)
      .join('\n'),
  submitFailed: (reason) =>
    `Your message could not be sent yet${reason ? `: ${reason}` : '.'} It is still kept; please try again or edit it.`,
  alreadySubmitted: (code) => `This message was already sent. Case code: ${code}. Track: /track ${code}`,
  nothingToConfirm: 'Nothing is waiting to be sent. Type /start to begin.',

  cancelled: 'Cancelled. The text and files of the draft have been deleted.',
  nothingToCancel: 'Nothing to cancel.',
  backAtStart: 'This is the first step.',
  help: [
    'Commands:',
    '/start — send a message',
    '/track <case code> — track a case',
    '/book [case code] — book an in-person meeting (citizen reception)',
    '/mybookings — your bookings; /movebooking <reference>, /cancelbooking <reference>',
    '/back — previous step',
    '/cancel — cancel the draft',
    '/tiengviet — chuyển sang tiếng Việt',
  ].join('\n'),
  unknownCommand: 'Unknown command. Type /help to see the commands.',
  languageSwitched: 'Switched to English.',
  hotlines: (entries) =>
    [
      'Hotline numbers (for praise too, and for anything about attitude or quality of service):',
      ...entries.map((e) => `• ${e.name}: ${e.numbers.join(', ')}`),
    ].join('\n'),

  trackCodePrompt: 'Please enter the case code (e.g. 7K3M-9QX-PRF).',
  trackCodeError: (reason) => TRACKING_CODE_ERROR_MESSAGES[reason].en,
  trackNotFound: (code) => `No case has the code ${code}. Please check it against your receipt.`,
  trackStatus: (c) =>
    [
      `Case ${c.code}`,
      c.kind ? `Kind: ${CASE_KIND_LABELS[c.kind].en}` : '',
      `Status: ${CASE_STATUS_LABELS[c.status].en}`,
      c.contentUnreadable
        ? '⚠️ Your message was received, but a technical problem keeps us from reading it. The receiving office has been told. Please send it again and mention this case code.'
        : '',
      c.unitName || c.organizationName
        ? `Handled by: ${[c.unitName, c.organizationName].filter(Boolean).join(' — ')}`
        : '',
      c.deadline
        ? governingDeadlineText(c.deadline, 'en')
        : c.dueOn
          ? `Answer due: ${WEEKDAYS[dayOfWeek(c.dueOn)]}, ${formatVietnameseDate(c.dueOn)}`
          : '',
      ...(c.replies === null
        ? []
        : c.replies.length
          ? ['Answers:', ...c.replies.map((r) => `— ${r.text}`)]
          : ['No answer yet.']),
    ]
      .filter(Boolean)
      .join('\n'),
  trackSecretPrompt: 'This case was sent anonymously. Enter the secret to read the answers, or tap “Skip”.',
  trackSecretWrong: (remaining) => `Wrong secret. ${remaining} attempts left.`,
  trackSecretLocked: 'Too many wrong secrets. Please try again later.',
  trackPending: (code) => `Case ${code} has been received and is on its way to the unit that handles it.`,

  satisfactionQuestion: (code) =>
    `Case ${code} has been resolved. Are you satisfied with how it was handled? Your answer helps the unit serve better.`,
  satisfactionLabels: {
    1: '1 · Very dissatisfied',
    2: '2 · Dissatisfied',
    3: '3 · Neutral',
    4: '4 · Satisfied',
    5: '5 · Very satisfied',
  },
  satisfactionRecorded: (score, canReopen) =>
    [
      `Thank you for your rating (${score}/5).`,
      'Would you like to add a comment? Type it, or tap “Skip”.',
      canReopen ? 'If the problem is not solved, you may ask for the case to be reviewed again.' : '',
    ]
      .filter(Boolean)
      .join('\n'),
  satisfactionCommentThanks: 'Thank you. Your comment has been recorded.',
  followUpRefused: (reason) =>
    ({
      not_found: 'That case was not found.',
      not_sender: 'Only the person who sent the case, from the same chat, can answer this.',
      not_resolved: 'The case is not resolved yet, so it cannot be rated or reopened.',
      window_closed: 'The time to ask for a review of this case has passed. You may send a new message.',
    })[reason],
  reopenLabel: '🔁 Ask for a review',
  reopenPrompt: 'Why would you like it reviewed? Briefly say what is not solved.',
  reopenDone: (code) => `Case ${code} has been reopened. The unit will review it and answer you.`,

  reminder:
    'You have an unfinished message. Tap “Continue” to finish it, or type /cancel. The draft is deleted 24 hours after your last message.',
  backToDraft: 'Back to the message you were writing:',
  reception: EN_RECEPTION,
};
