// Records every Content Security Policy violation of the page in window.cspViolations, and
// every uncaught error in window.pageErrors. A classic script placed before the bundle, so it
// listens before any element loads.
window.cspViolations = [];
window.pageErrors = [];
window.addEventListener('error', (event) => window.pageErrors.push(String(event.message)));
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
    sample: event.sample,
  });
});
