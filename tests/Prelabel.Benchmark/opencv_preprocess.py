"""What Ultralytics does before a YOLO Run, in OpenCV and numpy: imdecode, letterbox to SIZE (INTER_LINEAR, grey 114),
BGR to RGB, HWC to CHW float32 in 0..1. Prints one JSON object: the median milliseconds per file.
Usage: python3 opencv_preprocess.py SIZE RUNS THREADS FILE..."""
import json
import sys
import time

import cv2
import numpy as np


def preprocess(data, size):
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    height, width = image.shape[:2]
    ratio = min(size / height, size / width)
    new_width, new_height = round(width * ratio), round(height * ratio)
    if (new_width, new_height) != (width, height):
        image = cv2.resize(image, (new_width, new_height), interpolation=cv2.INTER_LINEAR)
    left, top = (size - new_width) // 2, (size - new_height) // 2
    image = cv2.copyMakeBorder(image, top, size - new_height - top, left, size - new_width - left,
                               cv2.BORDER_CONSTANT, value=(114, 114, 114))
    return np.ascontiguousarray(image[..., ::-1].transpose(2, 0, 1), dtype=np.float32) / 255.0


def main():
    size, runs, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    cv2.setNumThreads(threads)
    medians = {}
    for path in sys.argv[4:]:
        with open(path, "rb") as f:
            data = f.read()
        tensor = preprocess(data, size)
        assert tensor.shape == (3, size, size), tensor.shape
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            preprocess(data, size)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        medians[path] = times[len(times) // 2]
    print(json.dumps({"opencv": cv2.__version__, "threads": cv2.getNumThreads(), "medians": medians}))


main()
