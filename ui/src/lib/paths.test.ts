import { describe, expect, it } from "vitest";
import { fileName } from "./paths";

describe("fileName", () => {
  it("keeps the name and drops the folders, with either separator", () => {
    expect(fileName("/tmp/.tmp3Swhv4/home/Downloads/Rayyan Bakery mix 2026-11-03 2026-12-02.csv")).toBe(
      "Rayyan Bakery mix 2026-11-03 2026-12-02.csv",
    );
    expect(fileName("C:\\Users\\huda\\Downloads\\مخبز الريّان posts.csv")).toBe("مخبز الريّان posts.csv");
    expect(fileName("report.html")).toBe("report.html");
  });
});
