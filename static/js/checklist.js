// A long list of checkboxes (kinds of meeting, co-sponsors, attendees) gets a box that narrows
// the list as you type, and a line saying what is chosen. Everything stays a plain checkbox:
// the keyboard, a screen reader and a browser without this script all work as before.
document.addEventListener("DOMContentLoaded", () => {
  const all = [...document.querySelectorAll("input[type='checkbox'][data-checklist]")];
  const names = [...new Set(all.map((box) => box.name))];
  names.forEach((name) => {
    const boxes = all.filter((box) => box.name === name);
    const items = boxes.map((box) => box.closest(".form-check") || box.parentElement);
    const first = items[0];
    const words = boxes[0].dataset;
    const text = (box) => (box.closest("label") || box.parentElement).textContent.trim();

    const tools = document.createElement("div");
    tools.className = "checklist-tools mb-2";
    const input = document.createElement("input");
    input.type = "search";
    input.id = `checklist-${name}`;
    input.className = "form-control form-control-sm";
    input.autocomplete = "off";
    const label = document.createElement("label");
    label.htmlFor = input.id;
    label.className = "form-label small mb-1";
    label.textContent = words.checklistFilter;
    const chosen = document.createElement("p");
    chosen.className = "small text-body-secondary mt-1 mb-0 checklist-chosen";
    chosen.setAttribute("aria-live", "polite");
    tools.append(label, input, chosen);

    const list = document.createElement("div");
    list.className = "checklist-options";
    first.parentElement.insertBefore(tools, first);
    tools.after(list);
    items.forEach((item) => list.appendChild(item));

    const update = () => {
      const picked = boxes.filter((box) => box.checked).map(text);
      chosen.textContent = picked.length
        ? `${words.checklistChosen} ${picked.join(", ")}`
        : words.checklistNone;
    };
    input.addEventListener("input", () => {
      const wanted = input.value.trim().toLowerCase();
      items.forEach((item, n) => {
        // What is chosen stays in sight.
        item.hidden = Boolean(wanted) && !boxes[n].checked && !text(boxes[n]).toLowerCase().includes(wanted);
      });
    });
    // Enter in the box narrows the list; it does not send the form.
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
    boxes.forEach((box) => box.addEventListener("change", update));
    update();
  });
});
