import Mustache from 'mustache';
import type { ConsentCategoryKind, ConsentState } from '../consent/index.js';
import type { PreferenceTextSet } from './preference-texts.js';
import { renderPublicPage } from './public-page.js';

/**
 * The preference center page as pure functions: which categories and interests a contact sees,
 * how their checkboxes start, and what a submitted form changes. The service (I/O) feeds these
 * with the stored state and applies the plan.
 */

export interface CategoryStatus {
  key: string;
  label: string;
  kind: ConsentCategoryKind;
  timeBound: boolean;
  state: ConsentState;
}

export interface InterestStatus {
  /** The folded tag. */
  tag: string;
  label: string;
  /** The contact carries the tag. */
  checked: boolean;
}

/**
 * A category's box is ticked when messages of it may be sent: `valid`. A time-bound category
 * (`booking_marketing`) lapses by itself between stays (`expired`); the contact has not said no,
 * so its box stays ticked and unticking it withdraws.
 */
export function isSubscribed(category: Pick<CategoryStatus, 'state' | 'timeBound'>): boolean {
  return category.state === 'valid' || (category.timeBound && category.state === 'expired');
}

/**
 * The categories the page shows: every marketing and service category, except a time-bound one
 * that was never given. Booking consent comes from a reservation: ticking it without one would
 * change nothing, so a contact who never booked is not offered it.
 */
export function visibleCategories(categories: readonly CategoryStatus[]): CategoryStatus[] {
  return categories.filter((category) => !(category.timeBound && category.state === 'never_given'));
}

export interface PreferenceSubmission {
  /** Category keys whose box was ticked. */
  categories: ReadonlySet<string>;
  /** Folded tags whose box was ticked. */
  interests: ReadonlySet<string>;
}

export interface PreferenceChangePlan {
  grant: string[];
  withdraw: string[];
  addInterests: string[];
  removeInterests: string[];
}

/**
 * What a submitted form changes: only boxes the page showed, and only where the box differs
 * from the stored state, so that saving an untouched page writes nothing to the consent log.
 * Keys the page did not show (a forged field, a category created since) are ignored.
 */
export function planPreferenceChanges(input: {
  categories: readonly CategoryStatus[];
  interests: readonly InterestStatus[];
  submitted: PreferenceSubmission;
}): PreferenceChangePlan {
  const plan: PreferenceChangePlan = {
    grant: [],
    withdraw: [],
    addInterests: [],
    removeInterests: [],
  };
  for (const category of visibleCategories(input.categories)) {
    const wanted = input.submitted.categories.has(category.key);
    if (wanted && !isSubscribed(category)) plan.grant.push(category.key);
    if (!wanted && isSubscribed(category)) plan.withdraw.push(category.key);
  }
  for (const interest of input.interests) {
    const wanted = input.submitted.interests.has(interest.tag);
    if (wanted && !interest.checked) plan.addInterests.push(interest.tag);
    if (!wanted && interest.checked) plan.removeInterests.push(interest.tag);
  }
  return plan;
}

export type PreferenceNotice = 'saved' | 'unsubscribed';

export interface PreferencePageInput {
  language: string;
  texts: PreferenceTextSet;
  /** Where both forms post: `/p/{token}`. */
  action: string;
  /** How the contact is named on the page (their email, else phone). */
  contactLabel: string;
  categories: readonly CategoryStatus[];
  interests: readonly InterestStatus[];
  notice?: PreferenceNotice | undefined;
}

const stateTextKey: Record<ConsentState, keyof PreferenceTextSet> = {
  valid: 'stateValid',
  withdrawn: 'stateWithdrawn',
  never_given: 'stateNeverGiven',
  expired: 'stateExpired',
};

function categoryView(category: CategoryStatus, texts: PreferenceTextSet) {
  return {
    id: `category-${category.key}`,
    key: category.key,
    label: texts.categories[category.key] ?? category.label,
    checked: isSubscribed(category),
    stateText: texts[stateTextKey[category.state]] as string,
    hint: category.timeBound ? texts.timeBoundHint : null,
  };
}

const categoryPartial = `<div class="option">
  <input type="checkbox" id="{{id}}" name="category" value="{{key}}" aria-describedby="{{id}}-state"{{#checked}} checked{{/checked}}>
  <label for="{{id}}">{{label}}</label>
  <span class="state" id="{{id}}-state">{{stateText}}{{#hint}} · {{hint}}{{/hint}}</span>
</div>
`;

const pageTemplate = `<h1>{{texts.title}}</h1>
<p class="who">{{texts.greeting}} <strong>{{contactLabel}}</strong></p>
{{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
<p>{{texts.intro}}</p>
<form method="post" action="{{action}}">
  <input type="hidden" name="intent" value="save">
  {{#marketing.length}}
  <fieldset>
    <legend>{{texts.marketingLegend}}</legend>
    {{#marketing}}{{> category}}{{/marketing}}
  </fieldset>
  {{/marketing.length}}
  {{#service.length}}
  <fieldset>
    <legend>{{texts.serviceLegend}}</legend>
    {{#service}}{{> category}}{{/service}}
  </fieldset>
  {{/service.length}}
  {{#interests.length}}
  <fieldset aria-describedby="interests-hint">
    <legend>{{texts.interestsLegend}}</legend>
    <p class="hint" id="interests-hint">{{texts.interestsHint}}</p>
    {{#interests}}
    <div class="option">
      <input type="checkbox" id="{{id}}" name="interest" value="{{tag}}"{{#checked}} checked{{/checked}}>
      <label for="{{id}}">{{label}}</label>
    </div>
    {{/interests}}
  </fieldset>
  {{/interests.length}}
  <button type="submit">{{texts.save}}</button>
</form>
<form method="post" action="{{action}}" class="unsubscribe">
  <input type="hidden" name="intent" value="unsubscribe_all">
  <fieldset aria-describedby="unsubscribe-hint">
    <legend>{{texts.unsubscribeAllLegend}}</legend>
    <p class="hint" id="unsubscribe-hint">{{texts.unsubscribeAllHint}}</p>
    <button type="submit" class="secondary">{{texts.unsubscribeAll}}</button>
  </fieldset>
</form>
`;

export function renderPreferencePage(input: PreferencePageInput): string {
  const { texts } = input;
  const shown = visibleCategories(input.categories).map((category) => ({
    kind: category.kind,
    view: categoryView(category, texts),
  }));
  const view = {
    texts,
    action: input.action,
    contactLabel: input.contactLabel,
    notice: input.notice === undefined ? null : texts[input.notice],
    marketing: shown.filter((item) => item.kind === 'marketing').map((item) => item.view),
    service: shown.filter((item) => item.kind === 'service').map((item) => item.view),
    interests: input.interests.map((interest, index) => ({
      id: `interest-${index}`,
      tag: interest.tag,
      label: texts.interests[interest.tag] ?? interest.label,
      checked: interest.checked,
    })),
  };
  const body = Mustache.render(pageTemplate, view, { category: categoryPartial });
  return renderPublicPage({ lang: input.language, title: texts.title, body });
}
