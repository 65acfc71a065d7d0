/**
 * Security question (`security_question`): the enrolled question and its answer. Enrollment
 * offers the org's predefined questions or one's own. Documents as in
 * widget-playground/authenticator-verification-security-question.json,
 * authenticator-enroll-security-question.json and error-authenticator-enroll-security-question.json.
 */
import { sameSecret } from '../http/http-util';
import { MESSAGES, remediationForm, typed, type Field, type IdxMessage } from '../idx/documents';
import { addEnrollment, answerForm, authenticatorValue, enrollmentOf, enrollmentValue, stringOf, withMessages } from './documents';
import { DONE, show, type AuthenticatorModule, type Enrollment, type StepErrors } from './types';

/** The org's predefined questions (Okta's catalogue). */
export const SECURITY_QUESTIONS: Readonly<Record<string, string>> = {
  disliked_food: 'What is the food you least liked as a child?',
  name_of_first_plush_toy: 'What is the name of your first stuffed animal?',
  first_award: 'What did you earn your first medal or award for?',
  favorite_security_question: 'What is your favorite security question?',
  favorite_toy: 'What is the toy/stuffed animal you liked the most as a kid?',
  first_computer_game: 'What was the first computer game you played?',
  favorite_movie_quote: 'What is your favorite movie quote?',
  first_sports_team_mascot: 'What was the mascot of the first sports team you played on?',
  first_music_purchase: 'What music album or song did you first purchase?',
  favorite_art_piece: 'What is your favorite piece of art?',
  grandmother_favorite_desert: "What was your grandmother's favorite dessert?",
  first_thing_cooked: 'What was the first thing you learned to cook?',
  childhood_dream_job: 'What was your dream job as a child?',
  place_where_significant_other_was_met: 'Where did you meet your spouse/significant other?',
  favorite_vacation_location: 'Where did you go for your favorite vacation?',
  new_years_two_thousand: "Where were you on New Year's Eve in the year 2000?",
  favorite_speaker_actor: 'Who is your favorite speaker/orator?',
  favorite_book_movie_character: 'Who is your favorite book/movie character?',
  favorite_sports_player: 'Who is your favorite sports player?',
};

export const MIN_ANSWER_LENGTH = 4;
const METHODS = ['security_question'] as const;

/** Answers compare as a person would: ignoring case and surrounding spaces. */
function sameAnswer(given: string, enrolled: string): boolean {
  const norm = (v: string) => v.trim().replace(/\s+/g, ' ').toLowerCase();
  return sameSecret(norm(given), norm(enrolled));
}

function enrollForm(errors: StepErrors): Field {
  const answer = (): Field => withMessages({ name: 'answer', label: 'Answer', required: true, secret: true }, errors.fields?.answer);
  const choose: Field[] = [
    withMessages(
      {
        name: 'questionKey',
        type: 'string',
        required: true,
        label: 'Choose a security question',
        options: Object.entries(SECURITY_QUESTIONS).map(([value, label]) => ({ label, value })),
      },
      errors.fields?.questionKey,
    ),
    answer(),
  ];
  const custom: Field[] = [
    { name: 'questionKey', required: true, value: 'custom', mutable: false },
    withMessages({ name: 'question', label: 'Create a security question', required: true }, errors.fields?.question),
    answer(),
  ];
  return {
    name: 'credentials',
    type: 'object',
    required: true,
    options: [
      { label: 'Choose a security question', value: { form: { value: choose } } },
      { label: 'Create my own security question', value: { form: { value: custom } } },
    ],
  };
}

export const securityQuestion: AuthenticatorModule = {
  key: 'security_question',
  authenticatorId: 'autEmulatorQuestion1',
  displayName: 'Security Question',
  type: 'security_question',
  embeddable: true,
  enrollable: true,

  authenticator() {
    return authenticatorValue(this, METHODS);
  },
  enrollment(_user, enrollment) {
    const { questionKey, question } = (enrollment as Enrollment<'security_question'>).data;
    return {
      ...enrollmentValue(this, enrollment, METHODS, { questionKey, question }),
      contextualData: { enrolledQuestion: { question, questionKey } },
    };
  },
  optionFields() {
    return [];
  },

  start() {
    return show();
  },

  render(ctx, errors) {
    if (ctx.tx.factor.phase === 'enroll') {
      const form = remediationForm(ctx.env.origin, 'enroll-authenticator', '/idp/idx/challenge/answer', ctx.tx.stateHandle, [enrollForm(errors)], ['$.currentAuthenticator']);
      const questions = Object.entries(SECURITY_QUESTIONS).map(([questionKey, question]) => ({ questionKey, question }));
      const current = { contextualData: { questionKeys: Object.keys(SECURITY_QUESTIONS), questions }, ...this.authenticator(ctx.user) };
      return { remediation: [form], parts: { currentAuthenticator: typed(current) } };
    }
    const enrollment = enrollmentOf(ctx.user, 'security_question');
    const fields: Field[] = [
      { name: 'questionKey', label: enrollment?.data.question ?? '', required: true, value: enrollment?.data.questionKey ?? '', visible: false, mutable: false },
      { name: 'answer', label: 'Answer', required: true, secret: true },
    ];
    return {
      remediation: [answerForm(ctx, fields, errors, '$.currentAuthenticatorEnrollment')],
      parts: { currentAuthenticatorEnrollment: typed(enrollment ? this.enrollment(ctx.user, enrollment) : {}) },
    };
  },

  answer(ctx, credentials) {
    const answer = stringOf(credentials.answer, 512)?.trim() ?? '';
    if (ctx.tx.factor.phase === 'verify') {
      const enrollment = enrollmentOf(ctx.user, 'security_question');
      if (!answer) return show(400, { fields: { answer: [MESSAGES.blank()] } });
      if (!enrollment || !sameAnswer(answer, enrollment.data.answer)) return show(401, { fields: { answer: [MESSAGES.answerInvalid()] } });
      return DONE;
    }
    const questionKey = stringOf(credentials.questionKey, 100) ?? '';
    const custom = questionKey === 'custom';
    // Own keys only: `toString` and the like are properties of every object, not questions.
    const listed = Object.hasOwn(SECURITY_QUESTIONS, questionKey) ? SECURITY_QUESTIONS[questionKey] : undefined;
    const question = custom ? (stringOf(credentials.question, 512)?.trim() ?? '') : listed;
    const fields: Record<string, IdxMessage[]> = {};
    if (!custom && question === undefined) fields.questionKey = [MESSAGES.invalidValue()];
    if (custom && !question) fields.question = [MESSAGES.blank()];
    if (answer.length < MIN_ANSWER_LENGTH) fields.answer = [MESSAGES.answerTooShort(MIN_ANSWER_LENGTH)];
    if (Object.keys(fields).length > 0 || !question) return show(400, { fields });
    addEnrollment(ctx.user, 'security_question', { questionKey, question, answer });
    return DONE;
  },
};
