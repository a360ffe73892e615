/* Draws a choice group (widgets/ui/choices.py) as native form controls: a fieldset named by its
   legend, and per option a label holding its input and its text. The browser does the rest:
   wrapping, the click target, the arrow keys inside a radio group (they share one name) and
   Tab between groups. The value goes back to the kernel, which decides whether it is allowed. */
let groups = 0;

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function render({ model, el }) {
  groups += 1;
  const name = "viw-choice-" + Math.random().toString(36).slice(2, 8) + "-" + groups;
  const fieldset = document.createElement("fieldset");
  const legend = document.createElement("legend");
  const hint = document.createElement("p");
  const list = document.createElement("div");
  legend.dir = "auto";
  hint.className = "viw-choices-hint";
  hint.id = name + "-hint";
  list.className = "viw-choices-options";
  fieldset.append(legend, hint, list);
  el.append(fieldset);
  let inputs = [];

  function chosen() {
    const value = model.get("value");
    return model.get("multiple") ? (value || []) : [value];
  }

  function showValue() {
    const picked = chosen();
    inputs.forEach(function (input) {
      input.checked = picked.some(function (value) { return same(value, input.viwValue); });
    });
  }

  function changed() {
    const picked = inputs.filter(function (input) { return input.checked; }).map(function (input) { return input.viwValue; });
    const value = model.get("multiple") ? picked : (picked.length ? picked[0] : null);
    model.set("value", value);
    // Sent as a message, not with save_changes: ipywidgets holds a model's state changes back
    // while its previous one is unanswered, so a fast "choose, then Check" reached the kernel as
    // Check first and marked the earlier choice. Messages keep their order with the button's.
    model.send({ kind: "value", value: value });
  }

  function draw() {
    const multiple = model.get("multiple");
    fieldset.className = "viw-choices" + (model.get("inline") ? " viw-choices-inline" : "");
    legend.textContent = model.get("legend");
    hint.textContent = model.get("hint");
    hint.hidden = !model.get("hint");
    if (model.get("hint")) fieldset.setAttribute("aria-describedby", hint.id);
    else fieldset.removeAttribute("aria-describedby");
    list.textContent = "";
    inputs = model.get("choices").map(function (choice, index) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      const text = document.createElement("span");
      label.className = "viw-choice";
      input.type = multiple ? "checkbox" : "radio";
      input.name = name;
      input.id = name + "-" + index;
      input.viwValue = choice.value;
      input.addEventListener("change", changed);
      label.htmlFor = input.id;
      text.className = "viw-choice-text";
      text.dir = "auto"; // Arabic runs right to left, English and Welsh left to right, each option by its first letter
      text.textContent = choice.label;
      label.append(input, text);
      list.append(label);
      return input;
    });
    fieldset.disabled = model.get("disabled");
    showValue();
  }

  function showDisabled() {
    fieldset.disabled = model.get("disabled");
  }

  draw();
  model.on("change:value", showValue);
  model.on("change:disabled", showDisabled);
  ["legend", "hint", "choices", "multiple", "inline"].forEach(function (trait) { model.on("change:" + trait, draw); });
  return function () {
    model.off("change:value", showValue);
    model.off("change:disabled", showDisabled);
    ["legend", "hint", "choices", "multiple", "inline"].forEach(function (trait) { model.off("change:" + trait, draw); });
  };
}

export default { render };
