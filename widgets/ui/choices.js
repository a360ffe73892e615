/* Draws a choice group (widgets/ui/choices.py) with choiceFieldset (choice_inputs.js, joined in
   front of this file). The value goes back to the kernel, which decides whether it is allowed. */
const TRAITS = ["legend", "hint", "choices", "multiple", "inline"];

function render({ model, el }) {
  const group = choiceFieldset(function (value) {
    model.set("value", value);
    // Sent as a message, not with save_changes: ipywidgets holds a model's state changes back
    // while its previous one is unanswered, so a fast "choose, then Check" reached the kernel as
    // Check first and marked the earlier choice. Messages keep their order with the button's.
    model.send({ kind: "value", value: value });
  });
  el.append(group.fieldset);

  function showValue() {
    group.show(model.get("value"));
  }

  function draw() {
    group.draw({
      legend: model.get("legend"), hint: model.get("hint"), choices: model.get("choices"),
      multiple: model.get("multiple"), inline: model.get("inline"), disabled: model.get("disabled"),
    });
    showValue();
  }

  function showDisabled() {
    group.disable(model.get("disabled"));
  }

  draw();
  model.on("change:value", showValue);
  model.on("change:disabled", showDisabled);
  TRAITS.forEach(function (trait) { model.on("change:" + trait, draw); });
  return function () {
    model.off("change:value", showValue);
    model.off("change:disabled", showDisabled);
    TRAITS.forEach(function (trait) { model.off("change:" + trait, draw); });
  };
}

export default { render };
