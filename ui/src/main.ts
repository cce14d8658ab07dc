import "@fontsource-variable/inter";
// Arabic letters only (Latin comes from Inter), in the weights the styles use: 550 and
// 650 resolve to 600 and 700. Noto Sans Arabic lost the dots of a final ي and some
// hamzas in WebKitGTK ("فى" for "في"); IBM Plex Sans Arabic draws them.
import "@fontsource/ibm-plex-sans-arabic/arabic-400.css";
import "@fontsource/ibm-plex-sans-arabic/arabic-500.css";
import "@fontsource/ibm-plex-sans-arabic/arabic-600.css";
import "@fontsource/ibm-plex-sans-arabic/arabic-700.css";
import "./styles/app.css";
import { mount } from "svelte";
import App from "./App.svelte";

performance.mark("majlis: script runs");
const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
mount(App, { target });
