import "@fontsource-variable/inter";
import "@fontsource-variable/noto-sans-arabic";
import "./styles/app.css";
import { mount } from "svelte";
import App from "./App.svelte";

performance.mark("majlis: script runs");
const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
mount(App, { target });
