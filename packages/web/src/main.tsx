import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { registerServiceWorker } from "./pwa/registerServiceWorker.js";
import { applyTheme, initialTheme } from "./theme/theme.js";
import "./theme/app.css";

// The theme is set before the first render so the page never flashes the wrong colours.
applyTheme(initialTheme());

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerServiceWorker();
