// The window's state: what Rust told us, and what the person is looking at.
// Views read it and call the actions below; actions are the only writers.
import { clockOf } from "../i18n/format";
import { dates, locale, setLanguage, t } from "../i18n/index.svelte";
import type {
  AppInfo,
  BrandId,
  CalendarFilter,
  EngineState,
  NewBrand,
  Post,
  Preferences,
  PreferencesView,
  Repost,
  RightsState,
  StepId,
  Workspace,
} from "./bindings";
import { prefetchFirstMonth } from "./firstMonth";
import { fileName } from "./paths";
import { api, events, IpcError, toIpcError } from "./ipc";
import { heldChanges, Leaving } from "./leaving.svelte";
import type { View } from "./views";

/**
 * What the composer is doing: a new post (on a local date and time `YYYY-MM-DDTHH:MM`,
 * or undated), an edit of a post (or of one occurrence of a series), or a copy.
 */
export type Composing =
  | { kind: "new"; at: string | null }
  | { kind: "edit"; post: Post; occurrence: string | null }
  | { kind: "copy"; post: Post }
  /** A follower's item shared with its credit line (its rights in `state`). */
  | { kind: "repost"; repost: Repost; creator: string; state: RightsState };

export const app = $state({
  loaded: false,
  workspace: { brands: [], current: null } as Workspace,
  preferences: null as PreferencesView | null,
  engine: { publishingPaused: false } as EngineState,
  info: null as AppInfo | null,
  view: "calendar" as View,
  creatingBrand: false,
  /** The composer is open: for a new post, an edit, or a copy. */
  composing: null as Composing | null,
  /** The post shown in the post dialog (one occurrence of it, for a series). */
  viewingPost: null as { id: number; occurrence: string | null } | null,
  /** Which posts the calendar shows. */
  calendarFilter: { channel: null, category: null, status: null } as CalendarFilter,
  /** The import dialog is open. */
  importing: false,
  /** The keyboard shortcuts sheet is open. */
  showingShortcuts: false,
  /** Bumped whenever posts change, so the calendar fetches again. */
  postsVersion: 0,
  /** Bumped whenever the engine changed the inbox, so the inbox reads it again. */
  inboxVersion: 0,
  /** Bumped whenever the community board changed, so the board reads it again. */
  ugcVersion: 0,
  /** How many answers are overdue, every brand's together (the tray shows it too). */
  overdue: 0,
  /** The messages an insight pointed at (a topic, a group), until the inbox shows them. */
  inboxAbout: null as { label: string; interactions: number[]; total: number } | null,
  /** The interaction a notification asked to open, until the inbox opens it. */
  openInteraction: null as number | null,
  error: null as IpcError | null,
  /** The confirmation shown, and what it can take back while it shows. */
  notice: null as { message: () => string; undo: Undo | null } | null,
});

/**
 * What a confirmation can take back (a post dragged to another day, a message closed by
 * a stray key, a template deleted): the step Rust numbered, how to read again what it
 * changed, and what to say once so many things went back.
 */
export interface Undo {
  step: StepId;
  reread: () => void;
  done: (count: number) => string;
}

/** The brand being worked on, if any. */
export function currentBrand() {
  return app.workspace.brands.find((b) => b.id === app.workspace.current) ?? null;
}

export { describeError } from "./reasons";

function applyPreferences(view: PreferencesView) {
  app.preferences = view;
  setLanguage(view.language);
  const root = document.documentElement;
  if (view.preferences.theme === "system") delete root.dataset.theme;
  else root.dataset.theme = view.preferences.theme;
}

/** Runs an action; a failure is shown in the error banner instead of being lost. */
async function attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    const value = await action();
    app.error = null;
    return value;
  } catch (e) {
    app.error = toIpcError(e);
    return undefined;
  }
}

export async function load() {
  await attempt(async () => {
    const [workspace, preferences, engine, info] = await Promise.all([
      api.brandWorkspace(),
      api.preferencesGet(),
      api.engineState(),
      api.appInfo(),
    ]);
    performance.mark("majlis: workspace loaded");
    const brand = workspace.brands.find((b) => b.id === workspace.current);
    // The window appears with its month of posts in one go, rather than the shell, an
    // empty month, and then its posts, each laid out and painted (BENCHMARKS.md).
    if (brand) await prefetchFirstMonth(brand, app.calendarFilter);
    app.workspace = workspace;
    applyPreferences(preferences);
    app.engine = engine;
    app.info = info;
  });
  app.loaded = true;
  performance.mark("majlis: loaded");
  // What the engine does by itself reaches the window as events. Listening is three
  // calls of its own: made together, and without holding up the first view.
  await attempt(() =>
    Promise.all([
      events.engineStateChanged.listen((event) => {
        app.engine = event.payload;
      }),
      // The publisher published, failed or held back posts: what is shown re-reads them.
      events.postsChanged.listen(() => {
        app.postsVersion += 1;
      }),
      // A click on a notification about a post (a reminder, a failure) opens it.
      events.openPost.listen((event) => {
        app.viewingPost = { id: event.payload, occurrence: null };
      }),
      // New arrivals, snoozes that ended, answers sent: the inbox reads itself again.
      events.inboxChanged.listen(() => {
        app.inboxVersion += 1;
      }),
      // Finds, creators' answers, expiries: the board reads itself again.
      events.ugcChanged.listen(() => {
        app.ugcVersion += 1;
      }),
      events.overdueChanged.listen((event) => {
        app.overdue = event.payload;
        app.inboxVersion += 1;
      }),
      // "Open inbox" on an overdue notification: the brand's inbox, on that interaction.
      events.openInteraction.listen((event) => {
        const { brand, interaction } = event.payload;
        leaveFor(async () => {
          if (app.workspace.current !== brand) await selectBrand(brand);
          app.view = "inbox";
          app.openInteraction = interaction;
        });
      }),
    ]),
  );
}

/** Creates a brand; errors are returned to the form that can point at the field. */
export async function createBrand(input: NewBrand): Promise<IpcError | null> {
  try {
    app.workspace = await api.brandCreate(input);
    app.creatingBrand = false;
    const brand = currentBrand();
    if (brand) notify(() => t("newBrand.created", { name: brand.name }));
    return null;
  } catch (e) {
    return toIpcError(e);
  }
}

/** Going elsewhere over forms on the page holding changes: asked above the view
 * (App.svelte), naming them (`heldChanges`). */
export const navigation = new Leaving(
  () => heldChanges().length > 0,
  () => {},
);

/**
 * Goes elsewhere (`go`: another view, another brand) — once the person says so when a
 * form on the page holds changes that going would lose (`navigation`).
 */
export function leaveFor(go: () => unknown) {
  // Text typed into a field that takes it when left (a rule's words) is taken now, so it
  // counts. (Only text: a box or a choice has taken its change already.)
  const field = document.activeElement;
  const typed = field instanceof HTMLTextAreaElement || (field instanceof HTMLInputElement && ["text", "search", "url", "email", "tel", "number"].includes(field.type));
  if (typed) field.dispatchEvent(new Event("change", { bubbles: true }));
  navigation.leave(null, () => void go());
}

/** Shows `view` (asking first, if that would lose changes; see `leaveFor`). */
export function openView(view: View) {
  // The view shown again: staying is the answer to a question about leaving it.
  if (view === app.view) navigation.asking = false;
  else leaveFor(() => (app.view = view));
}

/** Works on brand `id` from now on (asking first, if that would lose changes). */
export function switchBrand(id: BrandId) {
  if (id !== app.workspace.current) leaveFor(() => selectBrand(id));
}

async function selectBrand(id: BrandId) {
  const workspace = await attempt(() => api.brandSelect(id));
  if (workspace) app.workspace = workspace;
}

export async function trySample() {
  const workspace = await attempt(() => api.sampleCreate());
  if (workspace) app.workspace = workspace;
}

/** Changes some of the person's preferences, keeping the others as they are. */
export async function changePreferences(patch: Partial<Preferences>) {
  const current = app.preferences?.preferences;
  if (!current) return;
  const view = await attempt(() => api.preferencesSet({ ...current, ...patch }));
  if (view) applyPreferences(view);
}

export async function setPublishingPaused(paused: boolean) {
  const engine = await attempt(() => api.publishingSetPaused(paused));
  if (engine) app.engine = engine;
}

/** How late a missed post of `brand` may still go out by itself (`null`: however late). */
export async function setHoldLateAfter(brand: BrandId, minutes: number | null) {
  const workspace = await attempt(() => api.brandSetHoldLateAfter(brand, minutes));
  if (workspace) app.workspace = workspace;
}

export async function sendTestNotification() {
  const sent = await attempt(() => api.notificationTest());
  if (sent !== undefined) notify(() => t("settings.notifications.sent"));
}

let noticeTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * A date with its month named ("Dec 9, 2026", "٩ ديسمبر ٢٠٢٦"): Arabic's medium date
 * style is all numbers ("٠٩/١٢/٢٠٢٦"), which reads day-first to some and month-first to
 * others.
 */
const namedDay = { day: "numeric", month: "short", year: "numeric" } as const;
/** A time of day beside a date, as the queue's times read alone (`clockOf`). */
const clock = () => clockOf(locale());

/** An instant as people read it in the interface language, on the clock of `zone`. */
export function formatInstant(at: string, zone: string): string {
  return dates({ timeZone: zone, ...namedDay, ...clock() }).format(new Date(at));
}

/** A local wall-clock time (`2026-12-01T09:00:00`) as people read it in the interface language. */
export function formatLocal(local: string): string {
  return dates({ timeZone: "UTC", ...namedDay, ...clock() }).format(new Date(`${local}Z`));
}

/** A day (`2026-12-01`) as people read it in the interface language. */
export function formatDay(day: string): string {
  return dates({ timeZone: "UTC", ...namedDay }).format(new Date(`${day}T00:00:00Z`));
}

/** The time of day of a local wall-clock time (`2026-12-01T09:00:00`), as people read it. */
export function formatLocalTime(local: string): string {
  return dates({
    timeZone: "UTC",
    timeStyle: "short",
  }).format(new Date(`${local}Z`));
}

/** Tells the person an export was saved, naming the file in their Downloads folder. */
export function notifySaved(path: string) {
  notify(() => t("export.done", { name: fileName(path) }));
}

/**
 * Shows a short confirmation that fades on its own. It is worded when shown, so it
 * follows the window's language if the person switches while it is up. One that can be
 * taken back offers Undo (also Ctrl+Z) and stays longer, time to notice a slip.
 */
export function notify(message: () => string, undo: Undo | null = null) {
  shown += 1;
  app.notice = { message, undo };
  fade();
}

/** Confirmations shown so far: an Undo that ends after a newer one leaves that one be. */
let shown = 0;
/** Whether the pointer or the keyboard's focus is on the confirmation's Undo, keeping it up. */
const holding = { pointer: false, focus: false };

function fade() {
  clearTimeout(noticeTimer);
  if (holding.pointer || holding.focus) return;
  noticeTimer = setTimeout(() => (app.notice = null), app.notice?.undo ? 10_000 : 4000);
}

/** Keeps the confirmation up while the pointer or focus is on its Undo; it fades a while after. */
export function holdNotice(by: keyof typeof holding, held: boolean) {
  holding[by] = held;
  fade();
}

/** The Undo button is gone (no leave or blur comes then): nothing holds the confirmation. */
export function releaseNotice() {
  holding.pointer = holding.focus = false;
  fade();
}

/** Undo for a change to posts (moved, cancelled): the calendar and queue read again,
 *  and the board, whose items' trails name the posts that use them. */
export function undoPosts(step: StepId, done: () => string): Undo {
  const reread = () => {
    app.postsVersion += 1;
    app.ugcVersion += 1;
  };
  return { step, reread, done };
}

/** Undo for a triage step: the inbox reads again, and says how many messages went back. */
export function undoTriage(step: StepId): Undo {
  return { step, reread: () => (app.inboxVersion += 1), done: (count) => t("inbox.undone", { count }) };
}

/** Takes back what the confirmation shown confirms, if it can be, and shows what is now so. */
export async function undoNotice() {
  const undo = app.notice?.undo;
  if (!undo) return;
  app.notice = null;
  const asked = shown;
  const back = await attempt(() => api.undo(undo.step));
  if (back === undefined) return;
  undo.reread();
  if (asked === shown) notify(() => undo.done(back));
}
