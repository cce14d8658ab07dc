import { describe, expect, it } from "vitest";
import { tagRuns } from "./bidi";

describe("tagRuns", () => {
  it("sets each hashtag and handle apart, at odd places", () => {
    expect(tagRuns("خبز التنور من الريّان ✨ #RayyanBakery")).toEqual(["خبز التنور من الريّان ✨ ", "#RayyanBakery", ""]);
    expect(tagRuns("📸 @dana.sa, thanks!")).toEqual(["📸 ", "@dana.sa", ", thanks!"]);
    expect(tagRuns("#فطور و@huda@mastodon.social.")).toEqual(["", "#فطور", " و", "@huda@mastodon.social", "."]);
  });
  it("leaves text without tags whole", () => {
    expect(tagRuns("Best bread in town # 1")).toEqual(["Best bread in town # 1"]);
  });
});
