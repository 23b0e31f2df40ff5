// "Xin chào, tôi muốn phản ánh", "Hello, I want to report a problem": an opening sentence that only
// greets and says what the person wants to do is not the description of what happened. It is
// recognised by its words alone: every word (folded: no diacritics, lower case) is a greeting, a
// polite particle, a pronoun or an intent word. One real word ("tôi muốn phản ánh bác sĩ") and the
// sentence is content. The kind it names, if any, is taken from the menu's own words.
import { foldText } from '../core/fold-text.js';

/** Folded words that carry no account of what happened, Vietnamese (without marks) and English. */
const OPENER_WORDS: ReadonlySet<string> = new Set(
  [
    // greetings, particles, addressing the bot or the unit
    'xin chao chao alo a oi nhe nha voi giup cho hoi ad admin bot ban anh chi em co chu',
    'hello hi hey dear good morning afternoon evening please sir madam there team',
    // pronouns and intent verbs
    'toi minh tao chung muon can xin duoc gui lam mot de co the viec chuyen ve',
    'i we my our want would like to need a an make file send submit give have wish some',
    // what they want to do (the menu's kinds, both languages)
    'phan anh gop y kien nghi khieu nai kien to cao khen ngoi cam on cam y noi bo',
    'report problem issue complaint complain feedback petition denunciation denounce praise thank thanks you',
  ]
    .join(' ')
    .split(' '),
);

/** True when the message only greets and/or states an intent: the dialog must still ask what happened. */
export function isOpenerOnly(text: string): boolean {
  const words = foldText(text).split(' ').filter(Boolean);
  return words.length > 0 && words.every((w) => OPENER_WORDS.has(w));
}
