// The icon of each section, shared by the navigation and the sections' empty states.
import { CalendarDays, ChartNoAxesCombined, Heart, Inbox, MessageSquareText } from "@lucide/svelte";
import type { Section } from "./views";

export const sectionIcons = {
  calendar: CalendarDays,
  inbox: Inbox,
  templates: MessageSquareText,
  community: Heart,
  insights: ChartNoAxesCombined,
} as const satisfies Record<Section, unknown>;
