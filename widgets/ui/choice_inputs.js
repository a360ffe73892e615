/* A group of native choice inputs: a fieldset named by its legend, and per option a label
   holding its input and its text. The browser does the rest: wrapping, the click target, the
   arrow keys inside a radio group (they share one name) and Tab between groups. Python puts this
   file in front of each widget that draws choices (choices.js, the self-assessment's
   assessment_item.js): anywidget loads a widget's code as one module, which cannot import a
   file beside it. */
let choiceGroups = 0;

function sameValue(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/* ``changed(value)`` is called with the group's value (a list for tick boxes, one value or
   null for radios) each time the person changes it. */
function choiceFieldset(changed) {
  choiceGroups += 1;
  const name = "viw-choice-" + Math.random().toString(36).slice(2, 8) + "-" + choiceGroups;
  const fieldset = document.createElement("fieldset");
  const legend = document.createElement("legend");
  const hint = document.createElement("p");
  const list = document.createElement("div");
  legend.dir = "auto";
  hint.className = "viw-choices-hint";
  hint.id = name + "-hint";
  list.className = "viw-choices-options";
  fieldset.append(legend, hint, list);
  let inputs = [];
  let multiple = false;

  function value() {
    const picked = inputs.filter(function (input) { return input.checked; }).map(function (input) { return input.viwValue; });
    return multiple ? picked : (picked.length ? picked[0] : null);
  }

  return {
    fieldset: fieldset,
    /* Draw the group: { legend, hint, choices: [{label, value}], multiple, inline, disabled }. */
    draw: function (spec) {
      multiple = Boolean(spec.multiple);
      fieldset.className = "viw-choices" + (spec.inline ? " viw-choices-inline" : "");
      legend.textContent = spec.legend;
      hint.textContent = spec.hint || "";
      hint.hidden = !spec.hint;
      if (spec.hint) fieldset.setAttribute("aria-describedby", hint.id);
      else fieldset.removeAttribute("aria-describedby");
      list.textContent = "";
      inputs = spec.choices.map(function (choice, index) {
        const label = document.createElement("label");
        const input = document.createElement("input");
        const text = document.createElement("span");
        label.className = "viw-choice";
        input.type = multiple ? "checkbox" : "radio";
        input.name = name;
        input.id = name + "-" + index;
        input.viwValue = choice.value;
        input.addEventListener("change", function () { changed(value()); });
        label.htmlFor = input.id;
        text.className = "viw-choice-text";
        text.dir = "auto"; // Arabic runs right to left, English and Welsh left to right, each option by its first letter
        text.textContent = choice.label;
        label.append(input, text);
        list.append(label);
        return input;
      });
      fieldset.disabled = Boolean(spec.disabled);
    },
    /* Tick what the kernel holds: a list for tick boxes, one value (or null) for radios. */
    show: function (held) {
      const picked = multiple ? (held || []) : [held];
      inputs.forEach(function (input) {
        input.checked = picked.some(function (one) { return sameValue(one, input.viwValue); });
      });
    },
    disable: function (disabled) {
      fieldset.disabled = disabled;
    },
  };
}
