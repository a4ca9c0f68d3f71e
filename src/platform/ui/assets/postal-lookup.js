// 郵便番号 → address, as a convenience on forms marked data-postal-lookup: once seven digits are
// typed, asks GET /api/v1/postal-codes/{code} and fills the municipality and the address where
// they are still empty, and says so in the form's status line. Without this script the server
// does the same when the form is posted, so nothing depends on it.
(() => {
  const digitsOf = (value) =>
    value
      .normalize('NFKC')
      .replace(/^\s*〒/, '')
      .replace(/[\s\-‐‑‒–—―−ー]/g, '');

  const attach = (form) => {
    const postal = form.querySelector('[name="postal_code"]');
    const municipality = form.querySelector('[name="municipality_code"]');
    const address = form.querySelector('[name="address"]');
    const status = form.querySelector('#postal-lookup-status');
    if (!postal || !municipality || !address) return;
    let asked = '';

    const say = (text) => {
      if (status) status.textContent = text || '';
    };

    const lookUp = async () => {
      const code = digitsOf(postal.value);
      if (!/^\d{7}$/.test(code) || code === asked) return;
      asked = code;
      let response;
      try {
        response = await fetch(`/api/v1/postal-codes/${code}`, { headers: { Accept: 'application/json' } });
      } catch {
        say(form.dataset.msgFailed);
        return;
      }
      if (response.status === 404) {
        say(form.dataset.msgNotFound);
        return;
      }
      if (!response.ok) {
        say(form.dataset.msgFailed);
        return;
      }
      const { items } = await response.json();
      const known = new Set(Array.from(municipality.options, (option) => option.value));
      const inTokyo = items.filter((item) => known.has(item.municipalityCode));
      if (inTokyo.length === 0) {
        say(form.dataset.msgOutsideTokyo);
        return;
      }
      const chosen = inTokyo.find(
        (item) => !municipality.value || item.municipalityCode === municipality.value,
      );
      if (!chosen) return;
      let filled = false;
      if (!municipality.value) {
        municipality.value = chosen.municipalityCode;
        filled = true;
      }
      const towns = new Set(
        inTokyo.filter((item) => item.municipalityCode === chosen.municipalityCode).map((item) => item.town),
      );
      if (!address.value.trim() && towns.size === 1 && chosen.town) {
        address.value = chosen.town;
        filled = true;
      }
      if (filled) say(form.dataset.msgFilled);
    };

    postal.addEventListener('input', () => {
      lookUp();
    });
    postal.addEventListener('change', () => {
      lookUp();
    });
  };

  for (const form of document.querySelectorAll('form[data-postal-lookup]')) attach(form);
})();
