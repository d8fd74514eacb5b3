// The one script of every page (served from /assets, since the Content-Security-Policy forbids inline script and
// handlers). Each behaviour hangs on a data attribute, so a page asks for it in markup and Razor encodes the values.
(() => {
  // <form data-confirm="问题">: ask before submitting. The question reaches confirm() as data, never as script.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  // <button data-print>: print the page (公示单, 督办单).
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[data-print]')) {
      window.print();
    }
  });

  // <textarea data-not-blank="提示">: the browser's check agrees with the server's, which refuses text of spaces only
  // (`required` alone lets it through).
  for (const field of document.querySelectorAll('[data-not-blank]')) {
    const check = () => field.setCustomValidity(field.value.trim() === '' ? field.dataset.notBlank : '');
    field.addEventListener('input', check);
    check();
  }
})();

// 攻坚看板 (强制推进): a field's hidden error message, the element its aria-describedby names, shows when the browser
// refuses the field, and hides again once the field is valid.
(() => {
  for (const field of document.querySelectorAll('[data-not-blank][aria-describedby]')) {
    const error = document.getElementById(field.getAttribute('aria-describedby'));
    if (error) {
      field.addEventListener('invalid', () => { error.hidden = false; });
      field.addEventListener('input', () => { if (field.validity.valid) { error.hidden = true; } });
    }
  }
})();
